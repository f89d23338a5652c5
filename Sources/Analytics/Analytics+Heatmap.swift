import Postgres

extension Analytics {
    /// Caller: `Analytics.heatmap(_:)` (weekday × hour chart, `/api/v1/heatmap`) on the raw tables.
    /// Each event's wall-clock ISO weekday and hour in zone $7 (AT TIME ZONE applies the offset in
    /// force at that instant, so +05:45 and DST changes are exact); a LEFT JOIN from all 168 cells
    /// fills the empty ones with zeros, Monday 00:00 first.
    static let heatmapQuery = """
        WITH counts AS (
          SELECT extract(isodow FROM e.event_timestamp AT TIME ZONE $7::text)::int AS weekday,
                 extract(hour FROM e.event_timestamp AT TIME ZONE $7::text)::int AS hour,
                 count(*) AS events
          FROM clickstream_events e
          WHERE \(filterPredicate)
          GROUP BY 1, 2
        )
        SELECT d.weekday, h.hour, coalesce(c.events, 0) AS events
        FROM generate_series(1, 7) AS d(weekday)
        CROSS JOIN generate_series(0, 23) AS h(hour)
        LEFT JOIN counts c ON c.weekday = d.weekday AND c.hour = h.hour
        ORDER BY d.weekday, h.hour
        """

    /// Events by local weekday and hour.
    public func heatmap(_ filters: Filters) async throws(AnalyticsError) -> Heatmap {
        if let snapshot = try await snapshot(for: filters) { return snapshot.heatmap(filters) }
        let result = try await run("heatmap", Self.heatmapQuery, Self.parameters(filters) + [filters.timeZoneName])
        let cells = try decode("heatmap") { () throws(PostgresError) -> [HeatmapCell] in
            try result.map { row throws(PostgresError) in
                HeatmapCell(weekday: try row.decode(Int.self, at: 0), hour: try row.decode(Int.self, at: 1),
                            events: try row.decode(Int.self, at: 2))
            }
        }
        return Heatmap(timeZone: filters.timeZoneName, cells: cells)
    }
}
