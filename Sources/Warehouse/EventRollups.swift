import Foundation
import Postgres

/// Rollups the loader maintains in the same transaction as the rows it inserts, so the dashboard
/// never scans raw events. The loader calls `add(_:on:)` once per batch with the rows it wrote.
///
/// `rollup_events_15m` holds one row per 15-minute UTC bucket × dimensions (events and order total);
/// `rollup_changes` names the buckets each committed data version touched, so a reader holding rollups
/// at version v refreshes only the buckets recorded with a version above v; for a load it also names the
/// loading transaction, whose id the new rows carry in `clickstream_events.load_xact`, so such a reader
/// can read just those rows. A rebuild's changes name none (its buckets must be read whole).
public enum EventRollups {
    /// `rollup_changes` keeps this many data versions; a reader further behind must reload every bucket.
    public static let changeRetention: Int64 = 100_000

    // The key and sums of a rollup row, computed from rows shaped like clickstream_events. The same
    // expressions as Contract 1 of the plan (and migration 4, which must keep its own copy).
    static let groupedSelect = """
        SELECT date_bin('15 minutes', event_timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
               coalesce(event_name, '') AS event_name, coalesce(user_login_state, 'unknown') AS login_state,
               coalesce(context_product_category, '') AS category, coalesce(context_product_brand, '') AS brand,
               coalesce(context_product_id, '') AS product_id, coalesce(context_product_name, '') AS product_name,
               count(*) AS events, coalesce(sum(order_total), 0) AS order_total
        """
    static let groupedTail = "WHERE event_timestamp IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7"
    static let key = "bucket, event_name, login_state, category, brand, product_id, product_name"

    // EventRollups.add — one statement per batch: upsert the batch's groups, record the buckets they
    // touched under the version this transaction's commit produces (the loader bumps it right after),
    // and drop change rows past the retention (an index range on the primary key, usually empty).
    // Scalar subqueries, not a join with warehouse_state: an unanalyzed table's row estimate inflated
    // the plan's cost past jit_above_cost, and JIT compilation alone cost ~100 ms per batch.
    static func addSQL(from table: String) -> String {
        addSQL(grouped: "\(groupedSelect)\nFROM \(table)\n\(groupedTail)")
    }

    /// `grouped` yields one row per rollup key: the key's columns, then the events and order total to add.
    static func addSQL(grouped: String) -> String {
        """
        -- rollups.add
        WITH upserted AS (
            INSERT INTO rollup_events_15m AS r (\(key), events, order_total)
            \(grouped)
            ON CONFLICT (\(key)) DO UPDATE
                SET events = r.events + excluded.events, order_total = r.order_total + excluded.order_total
            RETURNING r.bucket),
        pruned AS (
            DELETE FROM rollup_changes
            WHERE data_version <= (SELECT data_version + 1 FROM warehouse_state) - \(changeRetention))
        INSERT INTO rollup_changes (data_version, bucket, load_xact)
        SELECT DISTINCT (SELECT data_version + 1 FROM warehouse_state), bucket, pg_current_xact_id()::text::bigint
        FROM upserted
        ON CONFLICT DO NOTHING
        """
    }

    // EventRollups.rebuild — waits for loads in flight and keeps new ones out until commit, while readers go
    // on reading the rollups as they were. Same order as the loader (data version row, then the rollups
    // through add), so the two cannot deadlock; the table lock also stops any writer that skips the row.
    static let lockDataVersion = "SELECT data_version FROM warehouse_state FOR UPDATE"
    static let lockRollups = "LOCK TABLE rollup_events_15m IN SHARE ROW EXCLUSIVE MODE"
    // EventRollups.rebuild — the differences from `comparedCTEs`, written back: rows the raw table no
    // longer implies go, the others get the recomputed values. The touched buckets are recorded under a
    // new data version, bumped only when something changed, so caches keyed by it refresh.
    static let rebuildSQL = """
        -- rollups.rebuild
        WITH \(comparedCTEs),
        differing AS (SELECT * FROM compared WHERE differs),
        removed AS (
            DELETE FROM rollup_events_15m r USING differing d
            WHERE d.expected_events IS NULL
              AND (r.bucket, r.event_name, r.login_state, r.category, r.brand, r.product_id, r.product_name)
                = (d.bucket, d.event_name, d.login_state, d.category, d.brand, d.product_id, d.product_name)
            RETURNING r.bucket),
        written AS (
            INSERT INTO rollup_events_15m (\(key), events, order_total)
            SELECT \(key), expected_events, expected_total FROM differing WHERE expected_events IS NOT NULL
            ON CONFLICT (\(key)) DO UPDATE SET events = excluded.events, order_total = excluded.order_total
            RETURNING bucket),
        changed AS (SELECT bucket FROM removed UNION SELECT bucket FROM written),
        bumped AS (
            UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()
            WHERE EXISTS (SELECT 1 FROM changed)
            RETURNING data_version)
        INSERT INTO rollup_changes (data_version, bucket)
        SELECT bumped.data_version, changed.bucket FROM bumped CROSS JOIN changed
        ON CONFLICT DO NOTHING
        """

    // Every rollup row as the raw table implies it next to the stored one; shared by rebuild and verify.
    // USING merges the key columns of the FULL JOIN, so a row missing on either side keeps its key.
    static let comparedCTEs = """
        expected AS (
            \(groupedSelect)
            FROM clickstream_events
            \(groupedTail)),
        compared AS (
            SELECT \(key), e.events AS expected_events, e.order_total AS expected_total,
                   s.events AS stored_events, s.order_total AS stored_total,
                   (e.events IS DISTINCT FROM s.events OR e.order_total IS DISTINCT FROM s.order_total) AS differs
            FROM expected e FULL OUTER JOIN rollup_events_15m s USING (\(key)))
        """

    /// Adds the rows in `insertedTable` (a temporary table with `clickstream_events`' columns holding
    /// exactly the rows this transaction inserted, duplicates excluded) to every rollup, and records the
    /// touched buckets under the data version the caller's commit produces. Call it once per load
    /// transaction, after locking the `warehouse_state` row (`SELECT ... FOR UPDATE`, which keeps that
    /// version from moving and orders loads with `rebuild`) and before bumping its `data_version`.
    /// `insertedTable` must be a constant name chosen by the caller, never input (it is quoted anyway).
    public static func add(insertedTable: String, on connection: PostgresConnection) throws {
        try connection.query(addSQL(from: quotedIdentifier(insertedTable)))
    }

    /// Recomputes every rollup row from `clickstream_events` and writes back exactly the rows that
    /// differ (the result equals truncating and recomputing, without blocking readers meanwhile).
    /// Runs its own transaction: call it outside one. Returns the number of buckets corrected; when
    /// that is not zero the data version was bumped and the buckets recorded in `rollup_changes`.
    @discardableResult
    public static func rebuild(on connection: PostgresConnection) throws -> Int {
        try connection.transaction { connection in
            try connection.query(lockDataVersion)
            try connection.query(lockRollups)
            return try connection.query(rebuildSQL).affectedRows
        }
    }

    // EventRollups.add(delta) — the loader's `RollupDelta`, staged for the statement that adds it. Created once
    // per session and emptied at each commit: creating and dropping it per batch wrote and deleted a dozen
    // catalog rows each time (~3 ms of the server's time per batch, and catalog bloat for autovacuum).
    static let createDeltaTable = """
        CREATE TEMP TABLE IF NOT EXISTS etl_rollup_delta (
            bucket timestamptz NOT NULL, event_name text NOT NULL, login_state text NOT NULL, category text NOT NULL,
            brand text NOT NULL, product_id text NOT NULL, product_name text NOT NULL, events bigint NOT NULL,
            order_total numeric
        ) ON COMMIT DELETE ROWS
        """
    static let copyDelta = "COPY etl_rollup_delta FROM STDIN WITH (FORMAT binary)"
    static let deltaGrouped = "SELECT \(key), sum(events), coalesce(sum(order_total), 0) FROM etl_rollup_delta GROUP BY \(key)"

    /// Adds `delta` (the rows this transaction inserted, gathered by the loader) to every rollup, like
    /// `add(insertedTable:on:)` and under the same conditions; at most once per transaction.
    public static func add(_ delta: RollupDelta, on connection: PostgresConnection) throws {
        guard !delta.isEmpty else { return }
        try connection.query(createDeltaTable)
        _ = try connection.copyIn(copyDelta, format: .binary) { writer in delta.write(into: &writer) }
        try connection.query(addSQL(grouped: deltaGrouped))
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
