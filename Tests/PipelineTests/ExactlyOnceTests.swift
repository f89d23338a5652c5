import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Lake
import Postgres
import TestSupport
import Testing
@testable import Pipeline

@Suite("Exactly once, with the real CLI killed at random points")
struct ExactlyOnceTests {
    static let kills = 20

    @Test("20 SIGKILLs at random moments, then a clean run: every valid event once, ledger and rows agree")
    func killedRunsThenCleanRunLoadEverythingOnce() async throws {
        let (cli, folder, mixed) = try await Self.mixedLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = Self.slowRun
        try await withTestDatabase { db in
            let (logURL, log) = try Self.log(in: folder, "kills.log")
            defer { try? log.close() }
            var generator = SystemRandomNumberGenerator()
            var loadedAtKill: [Int] = []
            for attempt in 0..<Self.kills {
                let process = try cli.startETL(databaseURL: db.url, lakeDirectory: folder, arguments: arguments, log: log)
                // Short delays first (start-up, discovery, the first transactions), longer ones later.
                try await Task.sleep(for: .milliseconds(Int.random(in: 15...(60 + 25 * attempt), using: &generator)))
                CLIProcess.kill(process)
                while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
                try await Self.expectLedgerMatchesRows(db.pool)
                loadedAtKill.append(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events"))
            }
            #expect(loadedAtKill.contains { $0 > 0 && $0 < mixed.expectedEvents }, "no kill landed mid-load: \(loadedAtKill) \((try? String(contentsOf: logURL, encoding: .utf8))?.suffix(600) ?? "")")

            // The server may not have noticed the last dead session yet (its lock): retry until a run completes.
            var finished = try await cli.runETL(databaseURL: db.url, lakeDirectory: folder, arguments: arguments)
            for _ in 0..<20 where finished.status != 0 {
                try await Task.sleep(for: .milliseconds(250))
                finished = try await cli.runETL(databaseURL: db.url, lakeDirectory: folder, arguments: arguments)
            }
            #expect(finished.status == 0, "\(finished.output)")

            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == mixed.expectedEvents)
            let ids = Set(try await db.pool.query("SELECT event_id::text FROM clickstream_events WHERE dialect <> 'case_study'").map { $0[0] ?? "" })
            #expect(ids == mixed.expectedIDs)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE dialect = 'case_study'") == mixed.derivedCount)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_objects") == mixed.objects.count)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_rejects") == mixed.rejectCount)
            try await Self.expectLedgerMatchesRows(db.pool)
            // Killed runs are recorded as failed by the next run, never left "running".
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_runs WHERE status = 'running'") == 0)

            // A complete load re-run adds nothing.
            let again = try await cli.runETL(databaseURL: db.url, lakeDirectory: folder, arguments: arguments)
            #expect(again.status == 0)
            #expect(again.output.contains("events inserted:    0"), "\(again.output)")
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == mixed.expectedEvents)
        }
    }

    @Test("SIGINT mid-run: the run stops with exit 130 and its record counts exactly the rows it committed")
    func interruptedRunRecordsWhatItCommitted() async throws {
        let (cli, folder, mixed) = try await Self.mixedLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            let (logURL, log) = try Self.log(in: folder, "interrupted.log")
            defer { try? log.close() }
            let process = try cli.startETL(databaseURL: db.url, lakeDirectory: folder, arguments: Self.slowRun, log: log)
            // Until the first batch has committed (within a minute, on a slow machine), then stop it.
            let deadline = ContinuousClock.now + .seconds(60)
            while try await Self.count(db.pool, "SELECT count(*) FROM etl_objects") == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            kill(process.processIdentifier, SIGINT)
            while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            let rows = try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events")
            try #require(rows < mixed.expectedEvents, "the run finished before the signal: \(output)")
            #expect(process.terminationStatus == 130, "\(output)")
            let run = try #require(try await db.pool.query("SELECT status, events, error FROM etl_runs").first)
            #expect(run[0] == "failed")
            #expect(run[1] == String(rows))
            #expect(run[2]?.hasPrefix("interrupted") == true)
            try await Self.expectLedgerMatchesRows(db.pool)
        }
    }

    /// Tiny batches, one read at a time: many commits per run (about a second even in a release build), so
    /// kills and signals land before, inside and between transactions.
    static let slowRun = ["--batch-objects", "2", "--batch-events", "300", "--read-concurrency", "1"]

    /// The CLI, and a lake of every framing and dialect (with bad records) in a new folder.
    static func mixedLake() async throws -> (CLIProcess, URL, MixedLake) {
        let cli = try CLIProcess.locate()
        let (lake, folder) = try Fixtures.makeLake()
        let mixed = try MixedLake.make(singles: 400, batches: 24, perBatch: 250, arrays: 10, perArray: 40)
        try await mixed.write(to: lake)
        return (cli, folder, mixed)
    }

    /// A new log file in `folder`, open for the CLI's output.
    static func log(in folder: URL, _ name: String) throws -> (URL, FileHandle) {
        let url = folder.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return (url, try FileHandle(forWritingTo: url))
    }

    /// No ledger key without its rows, no rows without their ledger key: per object, the ledger's count is
    /// exactly the rows attributed to it.
    static func expectLedgerMatchesRows(_ pool: PostgresPool) async throws {
        let mismatches = try await count(pool, """
            SELECT count(*) FROM etl_objects o
            FULL JOIN (SELECT source_key, count(*) AS n FROM clickstream_events GROUP BY source_key) e ON e.source_key = o.object_key
            WHERE coalesce(o.events, -1) <> coalesce(e.n, 0)
            """)
        #expect(mismatches == 0)
    }

    static func count(_ pool: PostgresPool, _ sql: String) async throws -> Int {
        try await pool.query(sql).first?.decode(Int.self, at: 0) ?? -1
    }
}
