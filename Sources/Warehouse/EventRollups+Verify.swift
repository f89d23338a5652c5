import Foundation
import Money
import Postgres

extension EventRollups {
    // EventRollups.verify — one statement, so the raw table and the rollups are read at one snapshot
    // (a load commits both together). The totals row is always there; the differences join onto it.
    static let verifySQL = """
        -- rollups.verify
        WITH \(comparedCTEs),
        totals AS (
            SELECT count(*) FILTER (WHERE expected_events IS NOT NULL) AS rows,
                   count(DISTINCT bucket) FILTER (WHERE expected_events IS NOT NULL) AS buckets,
                   coalesce(sum(expected_events), 0) AS events,
                   count(*) FILTER (WHERE differs) AS differing_rows,
                   count(DISTINCT bucket) FILTER (WHERE differs) AS differing_buckets
            FROM compared),
        shown AS (SELECT * FROM compared WHERE differs ORDER BY \(key) LIMIT $1)
        SELECT t.rows, t.buckets, t.events, t.differing_rows, t.differing_buckets,
               s.bucket, s.event_name, s.login_state, s.category, s.brand, s.product_id, s.product_name,
               s.expected_events, s.expected_total, s.stored_events, s.stored_total
        FROM totals t LEFT JOIN shown s ON true
        ORDER BY s.bucket, s.event_name, s.login_state, s.category, s.brand, s.product_id, s.product_name
        """

    /// Recomputes every rollup row from `clickstream_events` and compares it with the stored one.
    /// Reads only; lists at most `limit` differences (ordered by bucket and dimensions) plus their totals.
    public static func verify(on connection: PostgresConnection, limit: Int = 50) throws -> RollupVerification {
        let result = try connection.query(verifySQL, [max(0, limit)])
        guard let totals = result.first else {
            throw PostgresError(kind: .decoding, message: "rollup verification returned no totals row")
        }
        var differences: [RollupVerification.Difference] = []
        for row in result where row[5] != nil {
            differences.append(RollupVerification.Difference(
                bucket: try row.decode(Date.self, at: 5),
                eventName: try row.decode(String.self, at: 6), loginState: try row.decode(String.self, at: 7),
                category: try row.decode(String.self, at: 8), brand: try row.decode(String.self, at: 9),
                productID: try row.decode(String.self, at: 10), productName: try row.decode(String.self, at: 11),
                expected: try counts(row, events: 12, orderTotal: 13),
                stored: try counts(row, events: 14, orderTotal: 15)))
        }
        return RollupVerification(
            rows: try totals.decode(Int.self, at: 0), buckets: try totals.decode(Int.self, at: 1),
            events: try totals.decode(Int64.self, at: 2),
            differingRows: try totals.decode(Int.self, at: 3), differingBuckets: try totals.decode(Int.self, at: 4),
            differences: differences)
    }

    private static func counts(_ row: PostgresRow, events: Int, orderTotal: Int) throws(PostgresError) -> RollupVerification.Counts? {
        guard let count = try row.decodeIfPresent(Int64.self, at: events) else { return nil }
        return RollupVerification.Counts(events: count, orderTotal: try row.decodeIfPresent(Amount.self, at: orderTotal) ?? .zero)
    }
}
