import Postgres

extension Analytics {
    /// Caller: `Analytics.timeSeries(_:)` for daily ranges. Days are wall-clock days in $7 (the
    /// filter's zone); generate_series over local dates fills empty days with zeros.
    static let dailySeriesQuery = """
        WITH buckets AS (
          SELECT local_day
          FROM generate_series(
            date_trunc('day', $1::timestamptz AT TIME ZONE $7::text),
            date_trunc('day', ($2::timestamptz - interval '1 microsecond') AT TIME ZONE $7::text),
            interval '1 day') AS local_day
        ), counts AS (
          SELECT date_trunc('day', e.event_timestamp AT TIME ZONE $7::text) AS local_day, count(*) AS events
          FROM clickstream_events e
          WHERE \(filterPredicate)
          GROUP BY 1
        )
        SELECT to_char((b.local_day AT TIME ZONE $7::text) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start,
               to_char(b.local_day, 'YYYY-MM-DD') AS label,
               coalesce(c.events, 0) AS events
        FROM buckets b LEFT JOIN counts c USING (local_day)
        ORDER BY b.local_day
        """

    /// Caller: `Analytics.timeSeries(_:)` for ranges up to two days. Hours are aligned to the
    /// zone $7 (date_trunc with a zone handles +05:30 offsets) and stepped as absolute hours, so a
    /// DST change neither drops nor merges an hour.
    static let hourlySeriesQuery = """
        WITH buckets AS (
          SELECT generate_series(
            date_trunc('hour', $1::timestamptz, $7::text),
            $2::timestamptz - interval '1 microsecond',
            interval '1 hour') AS bucket
        ), counts AS (
          SELECT date_trunc('hour', e.event_timestamp, $7::text) AS bucket, count(*) AS events
          FROM clickstream_events e
          WHERE \(filterPredicate)
          GROUP BY 1
        )
        SELECT to_char(b.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start,
               to_char(b.bucket AT TIME ZONE $7::text, 'YYYY-MM-DD HH24:MI') AS label,
               coalesce(c.events, 0) AS events
        FROM buckets b LEFT JOIN counts c USING (bucket)
        ORDER BY b.bucket
        """

    /// Events per bucket over the whole range: hourly up to two days, daily beyond.
    public func timeSeries(_ filters: Filters) async throws(AnalyticsError) -> TimeSeries {
        if let snapshot = try await snapshot(for: filters) { return snapshot.timeSeries(filters) }
        let granularity = filters.granularity
        let (name, sql) = granularity == .hour
            ? ("timeseries_hourly", Self.hourlySeriesQuery)
            : ("timeseries_daily", Self.dailySeriesQuery)
        let result = try await run(name, sql, Self.parameters(filters) + [filters.timeZoneName])
        let points = try decode(name) { () throws(PostgresError) -> [TimeSeriesPoint] in
            try result.map { row throws(PostgresError) in
                TimeSeriesPoint(start: try row.decode(String.self, at: 0), label: try row.decode(String.self, at: 1),
                                events: try row.decode(Int.self, at: 2))
            }
        }
        return TimeSeries(granularity: granularity, timeZone: filters.timeZoneName, points: points)
    }
}
