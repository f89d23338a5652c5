import Foundation
import Lake
import Synchronization
import TestSupport
import Testing
@testable import Pipeline

@Suite("ETL control: ranges, dry runs, drift, retries, schedule state")
struct ETLControlTests {
    static func lake(_ objects: [String: String]) async throws -> (LocalLake, URL) {
        let (lake, folder) = try Fixtures.makeLake()
        for (key, text) in objects { try await lake.put(key, bytes: Array(text.utf8), contentType: "application/json") }
        return (lake, folder)
    }

    static func event(_ id: Int, extra: String = "") -> String {
        #"{"eventName":"page_view","eventId":"00000000-0000-4000-8000-\#(String(format: "%012d", id))","clientId":"c"\#(extra)}"#
    }

    @Test("--from/--to select partitions by the key's date in all three layouts; --dry-run lists and writes nothing")
    func backfillsADateRange() async throws {
        let (lake, folder) = try await Self.lake([
            "events/2025/11/30/23/event-a.json": Self.event(1),
            "events/2025/12/01/00/event-b.json": Self.event(2),
            "events/2025/12/07/batch.json": Self.event(3),
            "events/year=2025/month=12/day=08/hour=00/part-0000.json": Self.event(4),
            "events/year=2025/month=12/day=03/hour=11/part-0000.json": Self.event(5),
            "events/misc/no-date.json": Self.event(6),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let day = { (text: String) in ISO8601DateFormatter().date(from: text + "T00:00:00Z") }
        try await withTestDatabase { db in
            var configuration = ETL.Configuration()
            configuration.selection = .days(from: day("2025-12-01"), through: day("2025-12-07"))
            configuration.dryRun = true
            let listed = Mutex<[String]>([])
            configuration.report = { object in listed.withLock { $0.append(object.key) } }
            let dry = try await ETL(store: lake, pool: db.pool, configuration: configuration, logger: ETLTests.logger).run(trigger: "test")
            #expect(listed.withLock { $0.sorted() } == [
                "events/2025/12/01/00/event-b.json", "events/2025/12/07/batch.json",
                "events/year=2025/month=12/day=03/hour=11/part-0000.json",
            ])
            #expect((dry.events, dry.outsideRange) == (3, 3))
            #expect(dry.description.contains("objects to load:    3"))
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM etl_objects") == 0)

            configuration.dryRun = false
            configuration.report = nil
            let loaded = try await ETL(store: lake, pool: db.pool, configuration: configuration, logger: ETLTests.logger).run(trigger: "test")
            #expect(loaded.events == 3)

            configuration.selection = ObjectSelection()
            configuration.prefix = "events/year=2025/"
            let narrowed = try await ETL(store: lake, pool: db.pool, configuration: configuration, logger: ETLTests.logger).run(trigger: "test")
            #expect((narrowed.listed, narrowed.alreadyLoaded, narrowed.events) == (2, 1, 1))
        }
    }

    @Test("clickstream etl refuses impossible and backward --from/--to dates before doing anything", arguments: [
        (["--from", "2026-13-01"], "--from must be a date"), (["--from", "2026-00-15"], "--from must be a date"),
        (["--to", "2026-02-30"], "--to must be a date"), (["--from", "2026-11-25", "--to", "2026-11-24"], "is after --to"),
    ])
    func refusesBadDates(arguments: [String], message: String) async throws {
        let cli = try CLIProcess.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-lake-\(UUID().uuidString)")
        let run = try await cli.runETL(databaseURL: "postgresql:///none?host=/nonexistent", lakeDirectory: folder, arguments: arguments)
        #expect(run.status != 0)
        #expect(run.output.contains(message), "\(run.output)")
    }

    @Test("clickstream etl refuses a missing lake folder, a file as the lake, and a --prefix outside the lake's prefix")
    func refusesLakeMistakes() async throws {
        let cli = try CLIProcess.locate()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-lake-\(UUID().uuidString)")
        let (_, folder) = try await Self.lake(["events/2025/12/01/00/a.json": Self.event(1)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("events/2025/12/01/00/a.json")
        let url = "postgresql:///none?host=/nonexistent"
        let cases: [(URL, [String], String)] = [
            (missing, [], "does not exist (--lake-dir, LAKE_DIR)"),
            (file, [], "is a file, not a folder"),
            (folder, ["--prefix", "2025/12/01/"], "outside the lake's prefix events/"),
        ]
        for (lake, arguments, message) in cases {
            let run = try await cli.runETL(databaseURL: url, lakeDirectory: lake, arguments: arguments)
            #expect(run.status != 0)
            #expect(run.output.contains(message), "\(run.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("a dry run against a warehouse the original ETL left writes nothing: it asks for migrate instead")
    func dryRunDoesNotMigrate() async throws {
        let cli = try CLIProcess.locate()
        let (_, folder) = try await Self.lake(["events/2025/12/01/00/a.json": Self.event(1)])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try connection.execute(OriginalWarehouse.resetSQL)
            }
            let run = try await cli.runETL(databaseURL: db.url, lakeDirectory: folder, arguments: ["--dry-run"])
            #expect(run.status != 0)
            #expect(run.output.contains("does not migrate: run `clickstream migrate` first"), "\(run.output)")
            #expect(try await db.pool.query("SELECT to_regclass('etl_objects') IS NULL").first?.decode(Bool.self, at: 0) == true)
            #expect(try await db.pool.query("""
                SELECT data_type FROM information_schema.columns WHERE column_name = 'context_product_price'
                """).first?.decode(String.self, at: 0) == "bigint")
        }
    }

    @Test("a command whose output pipe is closed finishes its work instead of dying of SIGPIPE")
    func closedOutputPipeIsNotFatal() async throws {
        let cli = try CLIProcess.locate()
        try await withTestDatabase { db in
            let process = Process()
            process.executableURL = cli.executable
            process.arguments = ["migrate", "--log-level", "error"]
            process.environment = ProcessInfo.processInfo.environment.merging(["DATABASE_URL": db.url]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            try output.fileHandleForReading.close()  // like `clickstream migrate | head -0`
            try process.run()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }

    @Test("unknown fields are tallied per name with first/last seen and an example; known ones are not")
    func countsSchemaDrift() async throws {
        let (lake, folder) = try await Self.lake([
            "events/2025/12/01/00/a.json": Self.event(1, extra: #","experiment":"b","product":{"id":"p","color":"red"}"#),
            "events/2025/12/01/00/b.json": Self.event(2, extra: #","experiment":"a","_ingest":{"sourceIp":"1.2.3.4"}"#),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            let summary = try await ETLTests.etl(lake, db.pool).run(trigger: "test")
            #expect(summary.unknownFields == ["experiment": 2, "product.color": 1])
            try await lake.put("events/2025/12/01/01/c.json", bytes: Array(Self.event(3, extra: #","experiment":"c""#).utf8),
                               contentType: "application/json")
            _ = try await ETLTests.etl(lake, db.pool).run(trigger: "test")
            let rows = try await db.pool.query("""
                SELECT dialect, field_name, seen_count, example_value, first_seen_at < last_seen_at
                FROM etl_unknown_fields ORDER BY field_name
                """)
            #expect(rows.map { [$0[0], $0[1], $0[2], $0[3], $0[4]] } == [
                ["sbw", "experiment", "3", #""b""#, "t"], ["sbw", "product.color", "1", #""red""#, "f"],
            ])
            // Drift is counted, never dropped: the value is still in properties.
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE properties ? 'experiment'") == 3)
        }
    }

    @Test("an object that stays unreadable keeps one current reject, not one per run, and loads once readable")
    func unreadableObjectsDoNotPileUpRejects() async throws {
        let key = "events/2025/12/01/00/later.json"
        let (local, folder) = try await Self.lake([key: Self.event(1), "events/2025/12/01/00/fine.json": Self.event(2)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = FlakyStore(base: local, failing: [key])
        try await withTestDatabase { db in
            let etl = ETL(store: store, pool: db.pool, logger: ETLTests.logger)
            for _ in 0..<3 {
                let summary = try await etl.run(trigger: "test")
                #expect(summary.retryLater == 1)
                #expect(summary.rejectsByReason == ["unreadable_object": 1])
            }
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM etl_rejects WHERE object_key = '\(key)'") == 1)
            store.heal()
            let healed = try await etl.run(trigger: "test")
            #expect((healed.objects, healed.events, healed.retryLater) == (1, 1, 0))
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM etl_rejects") == 0)
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events") == 2)
        }
    }

    @Test("an object overwritten after loading is counted as changed, not reloaded")
    func countsObjectsChangedSinceLoad() async throws {
        let key = "events/2025/12/01/00/a.json"
        let (lake, folder) = try await Self.lake([key: Self.event(1)])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            #expect(try await ETLTests.etl(lake, db.pool).run(trigger: "test").events == 1)
            try await lake.put(key, bytes: Array((Self.event(1) + "\n" + Self.event(2)).utf8), contentType: "application/json")
            let again = try await ETLTests.etl(lake, db.pool).run(trigger: "test")
            #expect((again.objects, again.events, again.changedSinceLoad) == (0, 0, 1))
            #expect(again.description.contains("changed in the lake since"))
        }
    }

    @Test("scheduler state: running, next run, backoff after failures capped at the interval, reset on success")
    func schedulerStateReportsAndBacksOff() {
        let state = ETLSchedulerState(interval: .seconds(3600))
        state.runStarted()
        #expect(state.snapshot().isRunning)
        #expect(state.snapshot().nextRunAt == nil)
        state.runFailed(ETLError.anotherRunInProgress)
        state.runFailed(ETLError.anotherRunInProgress)
        let failing = state.snapshot()
        #expect(!failing.isRunning && failing.consecutiveFailures == 2 && failing.lastOutcome == .failed)
        #expect(failing.lastError?.contains("another ETL run") == true)
        let backoff = state.delayBeforeNextRun()
        #expect(backoff >= .seconds(54) && backoff <= .seconds(66))  // 60 s ± 10%
        state.nextRun(at: Date(timeIntervalSinceNow: 60))
        #expect(state.snapshot().nextRunAt != nil)
        for _ in 0..<20 { state.runFailed(ETLError.anotherRunInProgress) }
        #expect(state.delayBeforeNextRun() <= .seconds(3960))
        state.runSucceeded(ETLSummary(runID: 1, objects: 1, events: 2, duplicates: 0, rejects: 0, rejectsByReason: [:], retryLater: 0,
                                      listed: 1, alreadyLoaded: 0, changedSinceLoad: 0, outsideRange: 0, unknownFields: [:],
                                      isDryRun: false, duration: .seconds(1)))
        let healthy = state.snapshot()
        #expect(healthy.consecutiveFailures == 0 && healthy.lastOutcome == .succeeded && healthy.lastSummary?.events == 2)
        #expect(state.delayBeforeNextRun() >= .seconds(3240))
    }
}
