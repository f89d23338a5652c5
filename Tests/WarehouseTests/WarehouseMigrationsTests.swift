import Foundation
import Money
import Postgres
import Testing
import TestSupport
import Warehouse

@Suite("Warehouse migrations")
struct WarehouseMigrationsTests {
    @Test("a table created by the original Lambda ETL is upgraded in place, keeping its rows")
    func upgradesOriginalTable() async throws {
        try await withTestDatabase { db in
            // Start from a database as the original system left it: its table, no migration ledger.
            try await db.pool.withConnection { connection in
                try connection.execute(OriginalWarehouse.resetSQL)
                try connection.execute("""
                    INSERT INTO clickstream_events (event_id, event_timestamp, event_name, client_id, context_product_price)
                    VALUES ('0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01', '2025-12-06T05:14:09Z', 'product_view', 'c1', 1990000);
                    """)
            }
            let applied = try await WarehouseMigrations.apply(pool: db.pool, logger: .init(label: "test"))
            #expect(applied == WarehouseMigrations.all.map(\.version))
            let row = try await db.pool.query(
                "SELECT event_name, context_product_price, pg_typeof(context_product_price)::text, properties::text FROM clickstream_events")[0]
            #expect(row[0] == "product_view")
            #expect(try row.decode(Amount.self, at: 1) == Amount(1_990_000))
            #expect(row[2] == "numeric")
            #expect(row[3] == "{}")
            // Its rows are in the dashboard's rollups too, from the first start of the new version.
            let rollups = try await db.pool.query("SELECT bucket, event_name, login_state, category, events FROM rollup_events_15m")
            #expect(rollups.map { rollup in (0..<5).map { rollup[$0] ?? "NULL" } }
                == [["2025-12-06 05:00:00+00", "product_view", "unknown", "", "1"]])
        }
    }

    @Test("applying migrations to a current warehouse changes nothing")
    func reapplyingIsANoOp() async throws {
        try await withTestDatabase { db in
            let applied = try await WarehouseMigrations.apply(pool: db.pool, logger: .init(label: "test"))
            #expect(applied.isEmpty)
            #expect(try await WarehouseMigrations.databaseVersion(pool: db.pool) == WarehouseMigrations.currentVersion)
        }
    }
}
