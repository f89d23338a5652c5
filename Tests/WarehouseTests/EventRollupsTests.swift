import Foundation
import Money
import Postgres
import Testing
import TestSupport
import Warehouse

@Suite("Event rollups")
struct EventRollupsTests {
    // Bucket edges, a time zone offset, NULL dimensions and a NULL timestamp (in no rollup).
    static let raw: [RollupFixture] = [
        RollupFixture(timestamp: "2025-12-06T10:14:59.999999Z"),
        RollupFixture(timestamp: "2025-12-06T10:00:00Z", orderTotal: "10.50"),
        RollupFixture(timestamp: "2025-12-06T10:15:00Z"),
        RollupFixture(timestamp: "2025-12-06T16:00:00+05:45", eventName: "checkout_complete", orderTotal: "1990000"),
        RollupFixture(timestamp: "2025-12-06T10:20:00Z", eventName: "checkout_complete", orderTotal: "0.25"),
        RollupFixture(timestamp: "2025-12-06T10:21:00Z", eventName: nil, loginState: nil, category: nil, brand: nil,
                      productID: nil, productName: nil),
        RollupFixture(timestamp: "2025-12-06T10:22:00Z", category: "", brand: "", productID: "", productName: ""),
        RollupFixture(timestamp: nil),
    ]

    @Test("migrations 4 and 11 create the rollup tables with the contract's columns and keys")
    func migrationCreatesTables() async throws {
        try await withTestDatabase { db in
            let columns = try await db.pool.query("""
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                FROM information_schema.columns WHERE table_name IN ('rollup_events_15m', 'rollup_changes')
                ORDER BY table_name, ordinal_position
                """).map { $0[0] ?? "" }
            #expect(columns == [
                "rollup_changes.data_version bigint NO", "rollup_changes.bucket timestamp with time zone NO",
                "rollup_changes.load_xact bigint YES", "rollup_events_15m.bucket timestamp with time zone NO", "rollup_events_15m.event_name text NO",
                "rollup_events_15m.login_state text NO", "rollup_events_15m.category text NO",
                "rollup_events_15m.brand text NO", "rollup_events_15m.product_id text NO",
                "rollup_events_15m.product_name text NO", "rollup_events_15m.events bigint NO",
                "rollup_events_15m.order_total numeric NO",
            ])
            let keys = try await db.pool.query("""
                SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'p' AND conrelid::regclass::text IN ('rollup_events_15m', 'rollup_changes') ORDER BY 1
                """).map { $0[0] ?? "" }
            #expect(keys == [
                "rollup_changes PRIMARY KEY (data_version, bucket)",
                "rollup_events_15m PRIMARY KEY (bucket, event_name, login_state, category, brand, product_id, product_name)",
            ])
        }
    }

    @Test("rebuild computes from raw rows exactly what a direct GROUP BY gives, and bumps the data version once")
    func rebuildMatchesDirectGroupBy() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try RollupFixture.insert(Self.raw, on: connection)
                #expect(try EventRollups.rebuild(on: connection) == 2)  // buckets 10:00 and 10:15 (16:00+05:45 included)
                let stored = try RollupFixture.rows(RollupFixture.storedRollups, on: connection)
                #expect(stored == (try RollupFixture.rows(RollupFixture.directGroupBy, on: connection)))
                #expect(stored.count == 5)
                #expect(stored.contains(["2025-12-06 10:15:00+00", "", "unknown", "", "", "", "", "1", "0"]))
                #expect(try RollupFixture.dataVersion(on: connection) == 1)
                #expect(try RollupFixture.changes(on: connection) == ["1 2025-12-06T10:00", "1 2025-12-06T10:15"])
                // Nothing to correct: no new version, so caches keyed by it stay valid.
                #expect(try EventRollups.rebuild(on: connection) == 0)
                #expect(try RollupFixture.dataVersion(on: connection) == 1)
            }
        }
    }

    @Test("add() inside a load transaction accumulates batches and records their buckets under the committing version")
    func addAccumulatesAcrossBatches() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                let first = [
                    RollupFixture(timestamp: "2025-12-06T10:01:00Z", orderTotal: "1.10"),
                    RollupFixture(timestamp: "2025-12-06T10:02:00Z"),
                    RollupFixture(timestamp: "2025-12-06T10:31:00Z", eventName: "add_to_cart_click"),
                    RollupFixture(timestamp: nil),
                ]
                let second = [
                    RollupFixture(timestamp: "2025-12-06T10:03:00Z", orderTotal: "2.20"),
                    RollupFixture(timestamp: "2025-12-06T11:00:00Z", loginState: "logged_in"),
                ]
                try Self.simulateLoad(first, on: connection)
                try Self.simulateLoad(second, on: connection)
                let stored = try RollupFixture.rows(RollupFixture.storedRollups, on: connection)
                #expect(stored == [
                    ["2025-12-06 10:00:00+00", "product_view", "guest", "shoes", "acme", "p1", "Runner", "3", "3.30"],
                    ["2025-12-06 10:30:00+00", "add_to_cart_click", "guest", "shoes", "acme", "p1", "Runner", "1", "0"],
                    ["2025-12-06 11:00:00+00", "product_view", "logged_in", "shoes", "acme", "p1", "Runner", "1", "0"],
                ])
                #expect(stored == (try RollupFixture.rows(RollupFixture.directGroupBy, on: connection)))
                #expect(try RollupFixture.changes(on: connection) == [
                    "1 2025-12-06T10:00", "1 2025-12-06T10:30", "2 2025-12-06T10:00", "2 2025-12-06T11:00",
                ])
                #expect(try EventRollups.verify(on: connection).matches)
            }
        }
    }

    @Test("a loader's delta adds what a GROUP BY of its rows gives: buckets either side of 1970, defaults, exact totals")
    func deltaMatchesGroupBy() async throws {
        let missing = RollupFixture(timestamp: "2025-12-06T10:14:59.999999Z", eventName: nil, loginState: nil, category: nil,
                                    brand: nil, productID: nil, productName: nil)
        let events = [
            RollupFixture(timestamp: "1969-12-31T23:59:59.999999Z"),
            RollupFixture(timestamp: "1969-12-31T23:45:00Z", orderTotal: "-0.5"),
            RollupFixture(timestamp: "2025-12-06T10:15:00Z", orderTotal: "123456789012345678901234567890123456789012.5"),
            RollupFixture(timestamp: "2025-12-06T10:29:59.999999Z", orderTotal: "0.000000000000000000001"),
            RollupFixture(timestamp: "2025-12-06T10:29:00Z"),
            missing, missing,
        ]
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try connection.transaction { connection in
                    try RollupFixture.insert(events, on: connection)
                    var delta = RollupDelta()
                    for row in try connection.query("""
                        SELECT (extract(epoch FROM event_timestamp) * 1000000)::bigint, event_name, user_login_state,
                               context_product_category, context_product_brand, context_product_id, context_product_name,
                               order_total::text
                        FROM clickstream_events
                        """) {
                        delta.add(microsecondsSince1970: try row.decode(Int64.self, at: 0), eventName: row[1], loginState: row[2],
                                  category: row[3], brand: row[4], productID: row[5], productName: row[6], orderTotal: row[7])
                    }
                    try connection.query("SELECT data_version FROM warehouse_state FOR UPDATE")
                    try EventRollups.add(delta, on: connection)
                    try connection.query("UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()")
                }
                let stored = try RollupFixture.rows(RollupFixture.storedRollups, on: connection)
                #expect(stored.count == 3)
                #expect(stored == (try RollupFixture.rows(RollupFixture.directGroupBy, on: connection)))
                #expect(try RollupFixture.changes(on: connection) == [
                    "1 1969-12-31T23:45", "1 2025-12-06T10:00", "1 2025-12-06T10:15",
                ])
                #expect(try EventRollups.verify(on: connection).matches)
            }
        }
    }

    @Test("a load's change rows and new rows name its transaction; a rebuild's changes name none")
    func changesNameTheLoadingTransaction() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try Self.simulateLoad([RollupFixture(timestamp: "2025-12-06T10:01:00Z"), RollupFixture(timestamp: "2025-12-06T10:31:00Z")],
                                      on: connection)
                try Self.simulateLoad([RollupFixture(timestamp: "2025-12-06T11:01:00Z")], on: connection)
                let loads = try connection.query("""
                    SELECT c.data_version::text, count(DISTINCT c.bucket)::text, count(DISTINCT e.event_id)::text
                    FROM rollup_changes c JOIN clickstream_events e ON e.load_xact = c.load_xact
                    GROUP BY c.data_version ORDER BY 1
                    """).map { row in (0..<3).map { row[$0] ?? "NULL" } }
                #expect(loads == [["1", "2", "2"], ["2", "1", "1"]])
                try connection.query("UPDATE rollup_events_15m SET events = events + 1")
                #expect(try EventRollups.rebuild(on: connection) == 3)
                let rebuilt = try connection.query("SELECT count(*) FROM rollup_changes WHERE data_version = 3 AND load_xact IS NULL")
                #expect(try rebuilt.first?.decode(Int.self, at: 0) == 3)
            }
        }
    }

    @Test("a batch whose rows all lack a timestamp adds nothing and records no bucket")
    func addWithoutTimestampsTouchesNothing() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try Self.simulateLoad([RollupFixture(timestamp: nil)], on: connection)
                #expect(try connection.query("SELECT count(*) FROM rollup_events_15m")[0][0] == "0")
                #expect(try RollupFixture.changes(on: connection).isEmpty)
                #expect(try RollupFixture.dataVersion(on: connection) == 1)
            }
        }
    }

    @Test("change rows older than the retention are pruned by the next load")
    func addPrunesOldChanges() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                let current = 3 * EventRollups.changeRetention
                try connection.query("UPDATE warehouse_state SET data_version = $1", [current])
                // The load commits version current + 1; the last `changeRetention` versions stay.
                let oldest = current + 1 - EventRollups.changeRetention + 1
                try connection.query("""
                    INSERT INTO rollup_changes (data_version, bucket)
                    VALUES (1, '2025-01-01Z'), ($1, '2025-01-01Z'), ($2, '2025-01-01Z')
                    """, [oldest - 1, oldest])
                try Self.simulateLoad([RollupFixture(timestamp: "2025-12-06T10:00:00Z")], on: connection)
                #expect(try RollupFixture.changes(on: connection) == [
                    "\(oldest) 2025-01-01T00:00", "\(current + 1) 2025-12-06T10:00",
                ])
            }
        }
    }

    @Test("verify finds no difference after a rebuild, and names the rows and buckets after tampering")
    func verifyNamesTamperedBuckets() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try RollupFixture.insert(Self.raw, on: connection)
                try EventRollups.rebuild(on: connection)
                let clean = try EventRollups.verify(on: connection)
                #expect(clean.matches)
                #expect((clean.rows, clean.buckets, clean.events) == (5, 2, 7))
                #expect(clean.differences.isEmpty)

                try connection.execute("""
                    UPDATE rollup_events_15m SET events = events + 1
                        WHERE bucket = '2025-12-06T10:00Z' AND event_name = 'product_view';
                    DELETE FROM rollup_events_15m WHERE bucket = '2025-12-06T10:15Z' AND event_name = '';
                    INSERT INTO rollup_events_15m VALUES ('2025-12-07T00:45Z', 'ghost', 'guest', '', '', '', '', 2, 5);
                    """)
                let tampered = try EventRollups.verify(on: connection)
                #expect(!tampered.matches)
                #expect((tampered.differingRows, tampered.differingBuckets) == (3, 3))
                let buckets = tampered.differences.map { PostgresTimestamp.format($0.bucket) }
                #expect(buckets == ["2025-12-06T10:00:00.000000Z", "2025-12-06T10:15:00.000000Z", "2025-12-07T00:45:00.000000Z"])
                let changed = tampered.differences[0]
                #expect((changed.eventName, changed.productID) == ("product_view", "p1"))
                #expect(changed.expected?.events == 2 && changed.stored?.events == 3)
                #expect(changed.expected?.orderTotal == Amount("10.50"))
                #expect(tampered.differences[1].stored == nil && tampered.differences[1].expected?.events == 1)
                #expect(tampered.differences[2].expected == nil && tampered.differences[2].stored?.events == 2)

                let firstOnly = try EventRollups.verify(on: connection, limit: 1)
                #expect(firstOnly.differences == [changed] && firstOnly.differingRows == 3)

                #expect(try EventRollups.rebuild(on: connection) == 3)
                #expect(try EventRollups.verify(on: connection).matches)
                #expect(try RollupFixture.changes(on: connection).suffix(3) == [
                    "2 2025-12-06T10:00", "2 2025-12-06T10:15", "2 2025-12-07T00:45",
                ])
            }
        }
    }

    @Test("a rebuild waits for a load in flight, then corrects only what was wrong and keeps the load's rows")
    func rebuildWaitsForLoadInFlight() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                try RollupFixture.insert(Self.raw, on: connection)
                try EventRollups.rebuild(on: connection)  // data version 1
                try connection.query("UPDATE rollup_events_15m SET events = events + 5 WHERE bucket = '2025-12-06T10:00Z'")
            }
            // The loader's order: raw rows, the data-version row lock, the rollups; commit comes later.
            let loader = try PostgresConnection.connect(url: db.url)
            try loader.execute("BEGIN")
            try loader.query("CREATE TEMP TABLE etl_inserted (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP")
            try RollupFixture.insert([RollupFixture(timestamp: "2025-12-06T10:16:00Z"), RollupFixture(timestamp: "2025-12-06T11:00:00Z")],
                                     into: "etl_inserted", on: loader)
            try loader.query("INSERT INTO clickstream_events SELECT * FROM etl_inserted")
            try loader.query("SELECT data_version FROM warehouse_state FOR UPDATE")
            try EventRollups.add(insertedTable: "etl_inserted", on: loader)

            let repair = Task { try await db.pool.withConnection { try EventRollups.rebuild(on: $0) } }
            var waiting = false
            for _ in 0..<100 where !waiting {
                try await Task.sleep(for: .milliseconds(50))
                waiting = try await db.pool.query("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """)[0][0] == "1"
            }
            #expect(waiting)
            try loader.query("UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()")
            try loader.execute("COMMIT")

            #expect(try await repair.value == 1)
            try await db.pool.withConnection { connection throws in
                #expect(try EventRollups.verify(on: connection).matches)
                #expect(try RollupFixture.dataVersion(on: connection) == 3)
                #expect(try RollupFixture.changes(on: connection).suffix(3) == [
                    "2 2025-12-06T10:15", "2 2025-12-06T11:00", "3 2025-12-06T10:00",
                ])
            }
        }
    }

    @Test("a warehouse already at version 10 gets migration 4, which fills the rollups from its rows")
    func migrationFillsRollupsOfExistingRows() async throws {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                // The warehouse as the previous release left it: versions 1-3 and 10, rows, no rollups.
                try connection.execute("""
                    DROP TABLE rollup_events_15m, rollup_changes;
                    DELETE FROM schema_migrations WHERE version = 4;
                    """)
                try RollupFixture.insert(Self.raw, on: connection)
            }
            let applied = try await WarehouseMigrations.apply(pool: db.pool, logger: .init(label: "test"))
            #expect(applied == [4])
            try await db.pool.withConnection { connection in
                let stored = try RollupFixture.rows(RollupFixture.storedRollups, on: connection)
                #expect(stored.count == 5)
                #expect(stored == (try RollupFixture.rows(RollupFixture.directGroupBy, on: connection)))
                #expect(try EventRollups.verify(on: connection).matches)
            }
        }
    }

    /// What the loader does per batch: stage rows in `etl_inserted`, insert them, add the rollups, bump, commit.
    static func simulateLoad(_ events: [RollupFixture], on connection: PostgresConnection) throws {
        try connection.transaction { connection in
            try connection.query("CREATE TEMP TABLE etl_inserted (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP")
            try RollupFixture.insert(events, into: "etl_inserted", on: connection)
            try connection.query("INSERT INTO clickstream_events SELECT * FROM etl_inserted")
            try EventRollups.add(insertedTable: "etl_inserted", on: connection)
            try connection.query("UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()")
        }
    }
}
