import Postgres

/// Rollups the loader maintains in the same transaction as the rows it inserts, so the dashboard
/// never scans raw events. The loader calls `add(insertedTable:on:)` once per batch.
public enum EventRollups {
    /// Adds the rows in `insertedTable` (a temporary table with `clickstream_events`' columns holding
    /// exactly the rows this transaction inserted, duplicates excluded) to every rollup.
    /// `insertedTable` must be a constant name chosen by the caller, never input.
    public static func add(insertedTable: String, on connection: PostgresConnection) throws {
        // Rollup tables arrive with the dashboard's rollup migration; until then there is nothing to maintain.
        _ = insertedTable
        _ = connection
    }
}
