import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Postgres
import TestSupport
import Testing

/// `clickstream enrich` upgrading a warehouse loaded without enrichment, SIGKILLed at random points: every
/// committed batch is whole, and a final run leaves every row as the loader would have written it.
@Suite("clickstream enrich, killed at random points")
struct EnrichKillTests {
    static let kills = 8

    @Test("8 SIGKILLs, then a clean run: batches are whole, and every row gets the loader's columns")
    func killedThenFinished() async throws {
        let cli = try CLIProcess.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enrich-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lake = folder.appendingPathComponent("lake")
        let generated = try await cli.run(["generate", "--lake-dir", lake.path, "--days", "3", "--events", "4000", "--batch", "500",
                                           "--seed", "18"], databaseURL: "")
        try #require(generated.status == 0, "\(generated.output)")
        try await withTestDatabase { reference in
            let enrichedLoad = try await cli.runETL(databaseURL: reference.url, lakeDirectory: lake)
            try #require(enrichedLoad.status == 0, "\(enrichedLoad.output)")
            try await withTestDatabase { db in
                let plainLoad = try await cli.runETL(databaseURL: db.url, lakeDirectory: lake, arguments: ["--no-enrich"])
                try #require(plainLoad.status == 0, "\(plainLoad.output)")
                let total = try await ExactlyOnceTests.count(db.pool, "SELECT count(*) FROM clickstream_events")
                #expect(try await ExactlyOnceTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL") == total)

                let (logURL, log) = try ExactlyOnceTests.log(in: folder, "enrich-kills.log")
                defer { try? log.close() }
                let arguments = ["enrich", "--batch-rows", "150", "--log-level", "warning"]
                var generator = SystemRandomNumberGenerator()
                var enrichedAtKill: [Int] = []
                for attempt in 0..<Self.kills {
                    let process = try cli.start(arguments, databaseURL: db.url, log: log)
                    try await Task.sleep(for: .milliseconds(Int.random(in: 40...(150 + 60 * attempt), using: &generator)))
                    CLIProcess.kill(process)
                    while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
                    // A row is enriched whole or not at all: a channel exactly when a version.
                    #expect(try await ExactlyOnceTests.count(db.pool, """
                        SELECT count(*) FROM clickstream_events WHERE (enrichment_version IS NULL) <> (channel IS NULL)
                        """) == 0)
                    enrichedAtKill.append(try await ExactlyOnceTests.count(db.pool,
                        "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NOT NULL"))
                }
                #expect(enrichedAtKill.contains { $0 > 0 && $0 < total },
                        "no kill landed mid-run: \(enrichedAtKill) \((try? String(contentsOf: logURL, encoding: .utf8))?.suffix(600) ?? "")")

                let finished = try await cli.run(arguments, databaseURL: db.url)
                #expect(finished.status == 0, "\(finished.output)")
                #expect(try await ExactlyOnceTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL") == 0)
                // Geography aside (the columns compared leave it out): the addresses went at load, only the loader places them.
                #expect(try await EnrichmentLoadTests.derived(db.pool) == EnrichmentLoadTests.derived(reference.pool))
                let again = try await cli.run(arguments, databaseURL: db.url)
                #expect(again.output.contains("enriched 0 rows"), "\(again.output)")
            }
        }
    }
}
