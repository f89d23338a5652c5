import Foundation
import Gzip
import Lake
import Logging
import Testing
@testable import Generator

@Suite("Writing NDJSON batches")
struct BatchWriteTests {
    @Test("batches hold every event once, as gzipped NDJSON under its UTC hour, at most N per object")
    func batchesHoldEveryEventOnce() async throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lake = LocalLake(root: folder)
        let traffic = DemoTraffic(configuration: Fixtures.configuration(events: 3_000, days: 3))
        let summary = try await traffic.writeBatches(to: lake, eventsPerObject: 40, logger: Logger(label: "test"))
        let expected = Array(try traffic.objects())
        #expect(summary.events == 3_000)
        var keys: [String] = []
        try await lake.forEachPage(prefix: "events/") { keys += $0.map(\.key) }
        #expect(keys.count == summary.files)
        var lines: [String: String] = [:]  // line -> hour folder
        for key in keys {
            #expect(key.hasSuffix(".ndjson.gz"))
            let text = String(decoding: try Gzip.decompress(try await lake.get(key).bytes), as: UTF8.self)
            let objectLines = text.split(separator: "\n")
            #expect(objectLines.count <= 40)
            for line in objectLines { lines[String(line)] = String(key[..<(key.lastIndex(of: "/") ?? key.endIndex)]) }
        }
        #expect(lines.count == 3_000)
        for object in expected.prefix(200) {
            let hourFolder = String(object.key[..<(object.key.lastIndex(of: "/") ?? object.key.endIndex)])
            #expect(lines[String(decoding: object.bytes, as: UTF8.self)] == hourFolder)
        }
    }

    @Test("a batch size below one is refused")
    func batchSizeBelowOneIsRefused() async throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: GeneratorError.self) {
            try await DemoTraffic(configuration: Fixtures.configuration(events: 10))
                .writeBatches(to: LocalLake(root: folder), eventsPerObject: 0, logger: Logger(label: "test"))
        }
    }
}
