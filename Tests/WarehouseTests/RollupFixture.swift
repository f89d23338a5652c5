import Foundation
import Postgres

/// A raw event for the rollup tests: only the columns a rollup reads, inserted with parameters.
struct RollupFixture: Sendable {
    var timestamp: String?
    var eventName: String? = "product_view"
    var loginState: String? = "guest"
    var category: String? = "shoes"
    var brand: String? = "acme"
    var productID: String? = "p1"
    var productName: String? = "Runner"
    var orderTotal: String?

    static let columns = """
        event_id, event_timestamp, event_name, user_login_state, context_product_category,
        context_product_brand, context_product_id, context_product_name, order_total
        """

    /// Inserts `events` into `table` (clickstream_events or a table LIKE it) with fresh ids.
    static func insert(_ events: [RollupFixture], into table: String = "clickstream_events", on connection: PostgresConnection) throws {
        for event in events {
            let values: [String?] = [UUID().uuidString.lowercased(), event.timestamp, event.eventName, event.loginState,
                                     event.category, event.brand, event.productID, event.productName, event.orderTotal]
            try connection.query("""
                INSERT INTO \(table) (\(columns))
                VALUES ($1::uuid, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::numeric)
                """, values)
        }
    }

    /// The rollup rows as text, ordered by key, from `sql` returning the nine rollup columns.
    static func rows(_ sql: String, on connection: PostgresConnection) throws -> [[String]] {
        try connection.query(sql).map { row in (0..<9).map { row[$0] ?? "NULL" } }
    }

    static let storedRollups = """
        SELECT bucket, event_name, login_state, category, brand, product_id, product_name, events, order_total
        FROM rollup_events_15m ORDER BY 1, 2, 3, 4, 5, 6, 7
        """

    // The contract's definition written independently of EventRollups: epoch arithmetic instead of date_bin.
    static let directGroupBy = """
        SELECT to_timestamp(floor(extract(epoch FROM event_timestamp) / 900) * 900),
               coalesce(event_name, ''), coalesce(user_login_state, 'unknown'), coalesce(context_product_category, ''),
               coalesce(context_product_brand, ''), coalesce(context_product_id, ''), coalesce(context_product_name, ''),
               count(*), coalesce(sum(order_total), 0)
        FROM clickstream_events WHERE event_timestamp IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
        """

    static func dataVersion(on connection: PostgresConnection) throws -> Int64 {
        try connection.query("SELECT data_version FROM warehouse_state")[0].decode(Int64.self, at: 0)
    }

    /// `rollup_changes` as "version bucket" lines, ordered.
    static func changes(on connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            SELECT data_version || ' ' || to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')
            FROM rollup_changes ORDER BY data_version, bucket
            """).map { $0[0] ?? "" }
    }
}
