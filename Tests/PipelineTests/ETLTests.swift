import Foundation
import Gzip
import Lake
import Logging
import Postgres
import TestSupport
import Testing
import Warehouse
@testable import Pipeline

@Suite("ETL against PostgreSQL and a local lake")
struct ETLTests {
    static let logger = Logger(label: "pipeline.tests")

    /// Puts samples into the lake under `events/<folder>/<file>`.
    static func put(_ paths: [String], into lake: LocalLake) async throws {
        for path in paths {
            try await lake.put("events/" + path, bytes: try Fixtures.bytes(path), contentType: "application/json")
        }
    }

    static func etl(_ lake: LocalLake, _ pool: PostgresPool, batchObjects: Int = 2_000) -> ETL {
        var configuration = ETL.Configuration()
        configuration.batchObjects = batchObjects
        return ETL(store: lake, pool: pool, configuration: configuration, logger: logger)
    }

    static func count(_ pool: PostgresPool, _ sql: String) async throws -> Int {
        try await pool.query(sql).first?.decode(Int.self, at: 0) ?? -1
    }

    @Test("all samples in one run: good events load with the right columns, every bad file is explained")
    func loadsAllSamples() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.put(SampleFiles.all.keys.sorted(), into: lake)
        try await withTestDatabase { db in
            let summary = try await Self.etl(lake, db.pool, batchObjects: 5).run(trigger: "test")
            #expect(summary.objects == 14)
            #expect(summary.events == 4 + 4 + 3)
            #expect(summary.duplicates == 0)
            #expect(summary.rejectsByReason == [
                "bad_timestamp": 1, "empty_object": 1, "invalid_utf8": 1, "missing_event_name": 1,
                "not_an_object": 3, "bad_number": 1, "invalid_json": 1,
            ])
            #expect(summary.description.contains("not_an_object: 3"))

            let product = try #require(try await db.pool.query("""
                SELECT context_product_price::text, context_product_discount_price::text, event_timestamp::text, user_agent,
                       properties->'_ingest'->>'sourceIp', dialect, source_key, source_position
                FROM clickstream_events WHERE event_id = '0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01'
                """).first)
            #expect(product[0] == "1990000")
            #expect(product[1] == "1790000")
            #expect(product[2] == "2025-12-06 05:14:09.512+00")
            #expect(product[3]?.hasPrefix("Mozilla/5.0 (Windows") == true)
            #expect(product[4] == nil)  // no client address in the warehouse
            #expect(product[5] == "sbw")
            #expect(product[6] == "events/sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json")
            #expect(product[7] == "0")

            let checkout = try #require(try await db.pool.query(
                "SELECT order_total::text, order_id FROM clickstream_events WHERE event_name = 'checkout_complete'").first)
            #expect(checkout[0] == "5370000")
            #expect(checkout[1] == "ord_01J9ZK")

            let snakeKey = "events/sbw-ingest/event-snake-case-no-id.json"
            let etag = try #require(try await db.pool.query("SELECT etag FROM etl_objects WHERE object_key = $1", [snakeKey]).first?[0])
            let snake = try #require(try await db.pool.query(
                "SELECT event_id::text, context_product_price::text FROM clickstream_events WHERE source_key = $1", [snakeKey]).first)
            #expect(snake[0] == UUIDv5.eventID(objectKey: snakeKey, etag: etag, position: 0).uuidString.lowercased())
            #expect(snake[1] == "399000")

            let kinesis = try #require(try await db.pool.query("""
                SELECT context_product_price::text, event_timestamp::text, country, city FROM clickstream_events
                WHERE event_id = '57ae98d7-ffd9-4dc6-a47f-d756ab9c1cde'
                """).first)
            #expect(kinesis[0] == "694.83")
            #expect(kinesis[1] == "2021-07-12 20:24:49.536462+00")
            #expect(kinesis[2] == "US")
            #expect(kinesis[3] == "Riverside")

            let rejects = try await db.pool.query("SELECT object_key, reason FROM etl_rejects ORDER BY object_key, position")
            let reasons = Dictionary(rejects.map { ($0[0] ?? "", $0[1] ?? "") }, uniquingKeysWith: { first, _ in first })
            for (path, reason) in RejectionTests.expectedReasons {
                #expect(reasons["events/" + path] == reason.rawValue, "\(path)")
            }
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_objects") == 14)
            // 14 objects in batches of 5, then the run's success (it moves "data complete up to").
            #expect(try await Self.count(db.pool, "SELECT data_version FROM warehouse_state") == 4)
            let run = try #require(try await db.pool.query("SELECT status, objects, events, rejects FROM etl_runs").first)
            #expect(run[0] == "succeeded")
            #expect((run[1], run[2], run[3]) == ("14", "11", "9"))
        }
    }

    @Test("a second run adds zero rows; a file that lands later under a processed hour loads next run")
    func rerunsAreIdempotentAndFindLateFiles() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hour = "events/2025/12/06/05/"
        try await lake.put(hour + "event-b.json", bytes: try Fixtures.bytes("sbw-ingest/event-snake-case-no-id.json"), contentType: "application/json")
        try await lake.put(hour + "event-d.json", bytes: try Fixtures.bytes("kinesis-poc/raw-search.json"), contentType: "application/json")
        try await withTestDatabase { db in
            let etl = Self.etl(lake, db.pool)
            #expect(try await etl.run(trigger: "test").events == 2)

            let version = try await Self.count(db.pool, "SELECT data_version FROM warehouse_state")
            let again = try await etl.run(trigger: "test")
            #expect((again.objects, again.events, again.duplicates, again.rejects) == (0, 0, 0, 0))
            // Nothing loaded, but the data is complete up to a later time: answers cached by version must not keep the old one.
            #expect(try await Self.count(db.pool, "SELECT data_version FROM warehouse_state") == version + 1)

            // Lexically before the keys already loaded: discovery must not resume "after the last key".
            try await lake.put(hour + "event-a.json", bytes: try Fixtures.bytes("case-study/part-0000.json"), contentType: "application/json")
            let late = try await etl.run(trigger: "test")
            #expect((late.objects, late.events) == (1, 3))
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == 5)

            // The same events under another key (a replayed upload) are counted as duplicates, not loaded twice.
            try await lake.put(hour + "event-z.json", bytes: try Fixtures.bytes("kinesis-poc/raw-search.json"), contentType: "application/json")
            let replay = try await etl.run(trigger: "test")
            #expect((replay.objects, replay.events, replay.duplicates) == (1, 0, 1))
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == 5)
            #expect(try await Self.count(db.pool, "SELECT duplicates FROM etl_objects WHERE object_key LIKE '%event-z.json'") == 1)
        }
    }

    @Test("after a run of one-object batches on reused connections, the rollups equal the raw rows exactly")
    func rollupsMatchAcrossManyBatches() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.put(SampleFiles.all.keys.sorted(), into: lake)
        try await withTestDatabase { db in
            #expect(try await Self.etl(lake, db.pool, batchObjects: 1).run(trigger: "test").events == 11)
            let verification = try await db.pool.withConnection { try EventRollups.verify(on: $0) }
            #expect(verification.events == 11)
            #expect(verification.matches)
        }
    }

    @Test("after an upgrade, events the original ETL loaded under random ids are duplicates, not loaded again")
    func upgradedWarehouseKeepsOriginalRows() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noID = #"{"event_name":"add_to_cart_click","event_timestamp":"2025-12-06T05:20:00+07:00","client_id":"c_77","session_id":"s_77"}"#
        let otherSession = noID.replacingOccurrences(of: "s_77", with: "s_78")
        let laterNoID = noID.replacingOccurrences(of: "2025-12-06T05:20", with: "2025-12-07T05:20")
        // As the shop sent it: the client's time and the ingest's receipt time, which both ETLs take as the event's.
        let received = #"{"eventName":"page_view","timestamp":"2025-12-06T05:00:00+07:00","clientId":"c_9","sessionId":"s_9","userId":"u_9","_ingest":{"receivedAt":"2025-12-05T22:00:01.234Z"}}"#
        for (key, body) in [("a.json", noID), ("b.json", otherSession), ("c.json", laterNoID), ("d.json", received), ("e.json", received)] {
            try await lake.put("events/2025/12/06/" + key, bytes: Array(body.utf8), contentType: "application/json")
        }
        try await withTestDatabase { db in
            // The warehouse as the original system left it: its table, with the first event under a random id.
            try await db.pool.withConnection { connection in
                try connection.execute(OriginalWarehouse.resetSQL)
                try connection.execute("""
                    INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_id, client_id, session_id)
                    VALUES (gen_random_uuid(), '2025-12-05T22:20:00Z', 'add_to_cart_click', NULL, 'c_77', 's_77'),
                           (gen_random_uuid(), '2025-12-05T22:00:01.234Z', 'page_view', 'u_9', 'c_9', 's_9');
                    """)
            }
            _ = try await WarehouseMigrations.apply(pool: db.pool, logger: Self.logger)
            let summary = try await Self.etl(lake, db.pool).run(trigger: "test")
            // a.json and d.json are the original's rows; e.json, d's twin, pairs with no second row and loads.
            #expect(summary.events == 3)
            #expect(summary.duplicates == 2)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE session_id = 's_77'") == 2)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE session_id = 's_77' AND event_timestamp < '2025-12-06'") == 1)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE session_id = 's_9'") == 2)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == 5)
            // Each old row was adopted by the object it came from, so it stands for that one event only.
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE source_key IS NULL") == 0)
        }
    }

    @Test("a run leaves every range of the load index summarized, none of it left to autovacuum's queue")
    func runSummarizesTheLoadIndex() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        // ~3,000 rows of ~700 bytes fill over 128 pages: more than the one range the index summarized when built.
        let padding = String(repeating: "x", count: 600)
        let lines = (0..<3_000).map { index in
            #"{"event_name":"page_view","event_timestamp":"2025-12-06T05:20:00Z","client_id":"c_\#(index)","note":"\#(padding)"}"#
        }
        try await lake.put("events/2025/12/06/05/many.ndjson", bytes: Array(lines.joined(separator: "\n").utf8), contentType: "application/x-ndjson")
        try await withTestDatabase { db in
            #expect(try await Self.etl(lake, db.pool).run(trigger: "test").events == 3_000)
            #expect(try await Self.count(db.pool, "SELECT pg_relation_size('clickstream_events') / 8192") > 128)
            let options = try await db.pool.query("SELECT reloptions::text FROM pg_class WHERE relname = 'clickstream_events_load_xact_idx'")
            #expect(try options.first?.decode(String.self, at: 0) == "{autosummarize=off}")
            #expect(try await Self.count(db.pool, "SELECT brin_summarize_new_values('clickstream_events_load_xact_idx'::regclass)") == 0)
        }
    }

    @Test("an id a concurrent writer commits while the batch copies it is loaded once and counted as a duplicate")
    func concurrentCommitOfTheSameIDIsADuplicate() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.put(["kinesis-poc/raw-search.json"], into: lake)
        let blob = LakeBlob(key: "k", bytes: try Fixtures.bytes("kinesis-poc/raw-search.json"), etag: "e", lastModified: Date())
        let id = try #require(ObjectDecoder.decode(blob, now: EventTimestamp(Date())).events.first?.eventID)
        try await withTestDatabase { db in
            // Another writer holds the id, uncommitted, and commits only once the ETL's COPY waits for it.
            let writer = try PostgresConnection.connect(url: db.url)
            try writer.execute("BEGIN")
            try writer.query("INSERT INTO clickstream_events (event_id, event_timestamp, event_name) VALUES ($1::uuid, now(), 'other')",
                             [id.uuidString])
            let committed = Self.commitOnceAwaited(writer)
            let summary = try await Self.etl(lake, db.pool).run(trigger: "test")
            #expect(try await committed.value)
            #expect((summary.objects, summary.events, summary.duplicates) == (1, 0, 1))
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == 1)
            #expect(try await Self.count(db.pool, "SELECT duplicates FROM etl_objects") == 1)
            #expect(try await Self.count(db.pool, "SELECT coalesce(sum(events), 0) FROM rollup_events_15m") == 0)
        }
    }

    /// Commits `writer`'s open transaction, on a thread of its own, once another backend waits for a lock (or
    /// after 30 s); true when one did.
    static func commitOnceAwaited(_ writer: PostgresConnection) -> Task<Bool, any Error> {
        Task {
            try await withCheckedThrowingContinuation { continuation in
                Thread {
                    do {
                        var awaited = false
                        for _ in 0..<600 where !awaited {
                            Thread.sleep(forTimeInterval: 0.05)
                            // Inside a transaction, pg_stat_activity is read once and cached until this is called.
                            try writer.query("SELECT pg_stat_clear_snapshot()")
                            let waiting = try writer.query("""
                                SELECT count(*) FROM pg_stat_activity
                                WHERE datname = current_database() AND wait_event_type = 'Lock'
                                """)
                            awaited = try waiting.first?.decode(Int.self, at: 0) ?? 0 > 0
                        }
                        try writer.execute("COMMIT")
                        continuation.resume(returning: awaited)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }.start()
            }
        }
    }

    @Test("gzip NDJSON with one bad line loads the good lines and explains the bad one")
    func loadsGzipNDJSONWithABadLine() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        var ndjson = try Fixtures.bytes("kinesis-poc/enriched-firehose-batch.ndjson")
        ndjson += #"{"event_name":"Purchase","click_id":"#.bytes + [0x0A]
        ndjson += #"{"event_name":"Search","click_id":"00112233445566778899aabbccddeeff","timestamp":"2021-07-12 21:00:00"}"#.bytes
        try await lake.put("events/2021/07/12/20/batch-0001.ndjson.gz", bytes: try Gzip.compress(ndjson), contentType: "application/gzip")
        try await withTestDatabase { db in
            let summary = try await Self.etl(lake, db.pool).run(trigger: "test")
            #expect((summary.objects, summary.events, summary.rejects) == (1, 4, 1))
            let reject = try #require(try await db.pool.query("SELECT position, reason, excerpt FROM etl_rejects").first)
            #expect(reject[0] == "3")
            #expect(reject[1] == "invalid_json")
            #expect(reject[2] == #"{"event_name":"Purchase","click_id":"#)
            #expect(try await Self.count(db.pool, "SELECT max(source_position) FROM clickstream_events") == 4)
        }
    }

    @Test("an object larger than 512 MiB is refused unread as record_too_large; the rest of the run loads")
    func refusesAnOversizedObjectUnread() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake.put("events/2021/07/12/20/batch-0001.ndjson", bytes: try Fixtures.bytes("kinesis-poc/enriched-firehose-batch.ndjson"),
                           contentType: "application/x-ndjson")
        // Sparse: 513 MiB long, no disk used; a read of it would show in the run's memory, the listing's size decides.
        let huge = folder.appendingPathComponent("events/2021/07/12/21/huge.json")
        try FileManager.default.createDirectory(at: huge.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(ObjectDecoder.maxObjectBytes) + (1 << 20))
        try handle.close()
        try await withTestDatabase { db in
            let summary = try await Self.etl(lake, db.pool).run(trigger: "test")
            #expect((summary.objects, summary.events, summary.rejects) == (2, 3, 1))
            let reject = try #require(try await db.pool.query("SELECT object_key, reason, detail FROM etl_rejects").first)
            #expect(reject[0] == "events/2021/07/12/21/huge.json")
            #expect(reject[1] == "record_too_large")
            #expect(reject[2]?.hasPrefix("object of 537919488 bytes exceeds 512 MiB") == true)
        }
    }

    @Test("a run while another holds the lock reports another run in progress and writes nothing")
    func refusesOverlappingRuns() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.put(["kinesis-poc/raw-search.json"], into: lake)
        try await withTestDatabase { db in
            let holder = try #require(try await ETLRunLock.acquire(pool: db.pool))
            await #expect(throws: ETLError.anotherRunInProgress) {
                try await Self.etl(lake, db.pool).run(trigger: "test")
            }
            await holder.release()
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_runs") == 0)
            #expect(try await Self.etl(lake, db.pool).run(trigger: "test").events == 1)
        }
    }

    @Test("a dry run decodes and counts but writes nothing")
    func dryRunWritesNothing() async throws {
        let (lake, folder) = try Fixtures.makeLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.put(Fixtures.files(in: "case-study") + Fixtures.files(in: "bad"), into: lake)
        try await withTestDatabase { db in
            var configuration = ETL.Configuration()
            configuration.dryRun = true
            let summary = try await ETL(store: lake, pool: db.pool, configuration: configuration, logger: Self.logger).run(trigger: "test")
            #expect((summary.runID, summary.objects, summary.events, summary.rejects) == (nil, 8, 3, 9))
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM etl_objects") == 0)
            #expect(try await Self.count(db.pool, "SELECT count(*) FROM clickstream_events") == 0)
        }
    }
}
