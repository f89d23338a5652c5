import Foundation
import Lake
import Logging
import Testing
@testable import Generator

@Suite("Writing to a lake")
struct WriteTests {
    @Test("write puts every object through the store and summarises what it wrote")
    func writeStoresEveryObject() async throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lake = LocalLake(root: folder)
        let traffic = DemoTraffic(configuration: Fixtures.configuration(events: 1_500, days: 7))
        let summary = try await traffic.write(to: lake, logger: Logger(label: "test"))
        let expected = Array(try traffic.objects())
        #expect(summary.events == 1_500 && summary.files == 1_500)
        #expect(summary.countsByEventName.values.reduce(0, +) == 1_500)
        #expect(summary.firstEventAt == expected.map(\.receivedAt).min())
        #expect(summary.lastEventAt == expected.map(\.receivedAt).max())
        #expect(summary.bytes == Int64(expected.reduce(0) { $0 + $1.bytes.count }))
        #expect(summary.location == lake.location)
        #expect(summary.description.contains("generated 1,500 events in 1,500 files"))
        var listed = 0
        try await lake.forEachPage(prefix: "events/") { listed += $0.count }
        #expect(listed == 1_500)
        for object in expected.prefix(50) {
            #expect(try await lake.get(object.key).bytes == object.bytes)
        }
    }

    @Test("zero events write nothing; bad settings are refused with the setting named")
    func edgeConfigurations() async throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try await DemoTraffic(configuration: Fixtures.configuration(events: 0))
            .write(to: LocalLake(root: folder), logger: Logger(label: "test"))
        #expect(empty.events == 0 && empty.firstEventAt == nil)
        #expect(throws: GeneratorError.self) { try DemoTraffic(configuration: Fixtures.configuration(events: 10, days: 0)).objects() }
        #expect(throws: GeneratorError.self) { try DemoTraffic(configuration: Fixtures.configuration(events: -1)).objects() }
        let oneDay = try Fixtures.objects(events: 2_000, days: 1)
        #expect(oneDay.allSatisfy { $0.receivedAt >= Fixtures.end.addingTimeInterval(-86_400) && $0.receivedAt < Fixtures.end })
    }

    /// Opt-in (`GENERATOR_BENCH=60000`, optionally `GENERATOR_CONCURRENCY=32`): the brief's figure, 60,000 events into a LocalLake.
    @Test("writing the default month into a local lake takes well under a minute",
          .enabled(if: ProcessInfo.processInfo.environment["GENERATOR_BENCH"] != nil))
    func writesAMonthQuickly() async throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = Int(ProcessInfo.processInfo.environment["GENERATOR_BENCH"] ?? "") ?? 60_000
        var configuration = Fixtures.configuration(events: events)
        configuration.concurrency = Int(ProcessInfo.processInfo.environment["GENERATOR_CONCURRENCY"] ?? "") ?? configuration.concurrency
        let summary = try await DemoTraffic(configuration: configuration).write(to: LocalLake(root: folder), logger: Logger(label: "bench"))
        print(summary)
        #expect(summary.files == events)
        #expect(summary.elapsedSeconds < 60)
    }
}
