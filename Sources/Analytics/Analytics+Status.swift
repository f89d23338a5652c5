import Postgres

extension Analytics {
    /// Caller: `Analytics.dataVersion()` (the API envelope's `data_version`).
    static let dataVersionQuery = "SELECT data_version FROM warehouse_state"

    /// Caller: `Analytics.status()` (page header, empty state, API envelope). max() reads one end
    /// of the event_timestamp index; etl_runs holds one row per run.
    static let statusQuery = """
        SELECT (SELECT data_version FROM warehouse_state) AS data_version,
               to_char((SELECT max(event_timestamp) FROM clickstream_events) AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS latest_event,
               to_char((SELECT max(started_at) FROM etl_runs WHERE status = 'succeeded') AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS data_complete_up_to
        """

    /// The warehouse's data version: bumped by every committed load and every succeeded
    /// ETL run (0 before the first).
    public func dataVersion() async throws(AnalyticsError) -> Int64 {
        let result = try await run("data_version", Self.dataVersionQuery, [])
        return try decode("data_version") { () throws(PostgresError) -> Int64 in
            try result.first?.decodeIfPresent(Int64.self, at: 0) ?? 0
        }
    }

    /// The data version, the newest event's time and how far the data is complete, in one round trip.
    public func status() async throws(AnalyticsError) -> WarehouseStatus {
        let result = try await run("status", Self.statusQuery, [])
        return try decode("status") { () throws(PostgresError) -> WarehouseStatus in
            WarehouseStatus(dataVersion: try result.first?.decodeIfPresent(Int64.self, at: 0) ?? 0,
                            latestEvent: result.first?[1], dataCompleteUpTo: result.first?[2])
        }
    }
}
