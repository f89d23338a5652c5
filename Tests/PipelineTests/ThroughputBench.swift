import Foundation
import Lake
import Logging
import TestSupport
import Testing
@testable import Pipeline

/// Rough throughput, off by default: `PIPELINE_BENCH=1` (build with `-c release` for meaningful numbers).
@Suite("Throughput (PIPELINE_BENCH=1)", .enabled(if: ProcessInfo.processInfo.environment["PIPELINE_BENCH"] == "1"))
struct ThroughputBench {
    static let eventsPerObject = 10_000
    static let objects = 10

    /// NDJSON of SBW product_view events shaped like the sample, each with its own id.
    static func makeNDJSON(object: Int) throws -> [UInt8] {
        let template = String(decoding: try Fixtures.bytes("sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json"), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var output: [UInt8] = []
        for index in 0..<eventsPerObject {
            let id = String(format: "0b9a7c52-3f1e-4c5a-%04x-%012x", object, index)
            output += Array(template.replacingOccurrences(of: "0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01", with: id).utf8)
            output.append(0x0A)
        }
        return output
    }

    @Test("decode and load NDJSON objects")
    func measure() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        var totalBytes = 0
        for object in 0..<Self.objects {
            let bytes = try Self.makeNDJSON(object: object)
            totalBytes += bytes.count
            try await lake.put("events/2025/12/06/05/batch-\(object).ndjson", bytes: bytes, contentType: "application/x-ndjson")
        }
        let sample = try await lake.get("events/2025/12/06/05/batch-0.ndjson")
        let clock = ContinuousClock()
        let decodeTime = clock.measure { _ = ObjectDecoder.decode(sample, now: EventTimestamp(Date())) }
        let decodeRate = Double(Self.eventsPerObject) / decodeTime.seconds
        try await withTestDatabase { db in
            let started = clock.now
            let summary = try await ETL(store: lake, pool: db.pool, logger: Logger(label: "bench")).run(trigger: "bench")
            let loadTime = clock.now - started
            #expect(summary.events == Self.objects * Self.eventsPerObject)
            let loadRate = Double(summary.events) / loadTime.seconds
            print("pipeline bench: \(summary.events) events, \(totalBytes / 1_000_000) MB; decode only \(Int(decodeRate)) events/s on one core; "
                  + "end to end \(Int(loadRate)) events/s (\(loadTime))")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
