import Postgres

extension Analytics {
    /// Runs listed in the pipeline section, newest first.
    static let pipelineRunLimit = 20
    /// Unknown fields listed, most frequent first; a drifting producer can invent many.
    static let unknownFieldLimit = 50

    /// Caller: `Analytics.pipeline(_:schedule:)`. Freshness and the ledger totals for objects loaded
    /// in [$1, $2). Data is complete up to the start of the last succeeded run: every object in the
    /// lake then was loaded by it. max(event_timestamp) reads one end of the time index.
    static let pipelineFreshnessQuery = """
        SELECT
          to_char((SELECT max(r.started_at) FROM etl_runs r WHERE r.status = 'succeeded') AT TIME ZONE 'UTC',
                  'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS data_complete_up_to,
          to_char(n.latest AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS latest_event,
          extract(epoch FROM now() - n.latest)::float8 AS lag_seconds,
          t.objects, t.rows, t.duplicates, t.rejects
        FROM (SELECT max(e.event_timestamp) AS latest FROM clickstream_events e) AS n
        CROSS JOIN (
          SELECT count(*) AS objects, coalesce(sum(o.events), 0) AS rows,
                 coalesce(sum(o.duplicates), 0) AS duplicates, coalesce(sum(o.rejects), 0) AS rejects
          FROM etl_objects o
          WHERE o.loaded_at >= $1::timestamptz AND o.loaded_at < $2::timestamptz
        ) AS t
        """

    /// Caller: `Analytics.pipeline(_:schedule:)`. The newest $1 runs.
    static let pipelineRunsQuery = """
        SELECT r.run_id,
               to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
               to_char(r.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at,
               r.status, r.trigger, r.objects, r.events, r.duplicates, r.rejects, r.error
        FROM etl_runs r
        ORDER BY r.run_id DESC
        LIMIT $1
        """

    /// Caller: `Analytics.pipeline(_:schedule:)`. Objects and rows per UTC hour of load time in
    /// [$1, $2); hours without loads are left out.
    static let pipelineHourlyQuery = """
        SELECT to_char(date_trunc('hour', o.loaded_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS hour,
               count(*) AS objects, coalesce(sum(o.events), 0) AS rows
        FROM etl_objects o
        WHERE o.loaded_at >= $1::timestamptz AND o.loaded_at < $2::timestamptz
        GROUP BY 1
        ORDER BY 1
        """

    /// Caller: `Analytics.pipeline(_:schedule:)`. Rejects in [$1, $2) by reason, the most frequent
    /// first, each reason's row carrying its total, with its 3 newest records as samples.
    static let pipelineRejectsQuery = """
        WITH ranked AS (
          SELECT r.reason COLLATE "C" AS reason, r.object_key, r.position, r.detail, r.excerpt, r.rejected_at,
                 count(*) OVER (PARTITION BY r.reason) AS total,
                 row_number() OVER (PARTITION BY r.reason ORDER BY r.rejected_at DESC, r.reject_id DESC) AS rank
          FROM etl_rejects r
          WHERE r.rejected_at >= $1::timestamptz AND r.rejected_at < $2::timestamptz
        )
        SELECT reason, total, object_key, position, detail, excerpt,
               to_char(rejected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS rejected_at
        FROM ranked
        WHERE rank <= 3
        ORDER BY total DESC, reason, rank
        """

    /// Caller: `Analytics.pipeline(_:schedule:)`. Fields no dialect maps, the most frequent $1.
    static let pipelineUnknownFieldsQuery = """
        SELECT u.dialect, u.field_name, u.seen_count,
               to_char(u.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first_seen,
               to_char(u.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_seen,
               u.example_value
        FROM etl_unknown_fields u
        ORDER BY u.seen_count DESC, u.dialect COLLATE "C", u.field_name COLLATE "C"
        LIMIT $1
        """

    /// Caller: `Analytics.pipeline(_:schedule:geographyDatabase:)`. Derived fields not filled, by reason (all time).
    static let pipelineNotDerivedQuery = """
        SELECT i.reason, i.field, i.events,
               to_char(i.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first_seen,
               to_char(i.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_seen
        FROM etl_enrichment_issues i
        ORDER BY i.events DESC, i.reason COLLATE "C"
        """

    /// Caller: `Analytics.pipeline(_:schedule:geographyDatabase:)`. Rows `clickstream enrich` has yet to fill, through
    /// the partial index that holds only them (empty once enriched, so cheap on a current warehouse).
    static let pipelineRowsNotEnrichedQuery = "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL"

    /// Pipeline health for the filters' time range (by load time; the dimension filters do not
    /// apply to the ledger); `schedule` comes from the caller's scheduler, if any, and `geographyDatabase` from
    /// the server's configuration (nil: geography is off).
    public func pipeline(_ filters: Filters, schedule: PipelineSchedule?,
                         geographyDatabase: String? = nil) async throws(AnalyticsError) -> PipelineHealth {
        let range: [(any PostgresEncodable & Sendable)?] = [filters.start, filters.end]
        let freshness = try await run("pipeline_freshness", Self.pipelineFreshnessQuery, range)
        let runs = try await run("pipeline_runs", Self.pipelineRunsQuery, [Self.pipelineRunLimit])
        let hourly = try await run("pipeline_hourly", Self.pipelineHourlyQuery, range)
        let rejects = try await run("pipeline_rejects", Self.pipelineRejectsQuery, range)
        let fields = try await run("pipeline_unknown_fields", Self.pipelineUnknownFieldsQuery, [Self.unknownFieldLimit])
        let notDerived = try await run("pipeline_not_derived", Self.pipelineNotDerivedQuery, [])
        let notEnriched = try await run("pipeline_rows_not_enriched", Self.pipelineRowsNotEnrichedQuery, [])
        return try decode("pipeline") { () throws(PostgresError) -> PipelineHealth in
            guard let status = freshness.first else {
                throw PostgresError(kind: .decoding, message: "pipeline freshness returned no row")
            }
            return PipelineHealth(
                runs: try runs.map(Self.pipelineRun),
                dataCompleteUpTo: status[0], latestEvent: status[1],
                lagSeconds: try status.decodeIfPresent(Double.self, at: 2),
                totals: PipelineTotals(objects: try status.decode(Int.self, at: 3), rows: try status.decode(Int.self, at: 4),
                                       duplicates: try status.decode(Int.self, at: 5),
                                       rejects: try status.decode(Int.self, at: 6)),
                hourly: try hourly.map { row throws(PostgresError) in
                    PipelineHour(hour: try row.decode(String.self, at: 0), objects: try row.decode(Int.self, at: 1),
                                 rows: try row.decode(Int.self, at: 2))
                },
                rejectsByReason: try Self.rejectReasons(rejects),
                unknownFields: try fields.map { row throws(PostgresError) in
                    UnknownField(dialect: try row.decode(String.self, at: 0), name: try row.decode(String.self, at: 1),
                                 count: try row.decode(Int.self, at: 2), firstSeen: try row.decode(String.self, at: 3),
                                 lastSeen: try row.decode(String.self, at: 4), example: row[5])
                },
                schedule: schedule,
                enrichment: PipelineEnrichment(
                    geographyDatabase: geographyDatabase,
                    notDerived: try notDerived.map { row throws(PostgresError) in
                        NotDerivedCount(reason: try row.decode(String.self, at: 0), field: try row.decode(String.self, at: 1),
                                        events: try row.decode(Int.self, at: 2), firstSeen: try row.decode(String.self, at: 3),
                                        lastSeen: try row.decode(String.self, at: 4))
                    },
                    rowsNotEnriched: try notEnriched.first?.decode(Int.self, at: 0) ?? 0))
        }
    }

    private static func pipelineRun(_ row: PostgresRow) throws(PostgresError) -> PipelineRun {
        PipelineRun(runID: try row.decode(Int64.self, at: 0), startedAt: try row.decode(String.self, at: 1),
                    finishedAt: row[2], status: try row.decode(String.self, at: 3), trigger: try row.decode(String.self, at: 4),
                    objects: try row.decode(Int.self, at: 5), events: try row.decode(Int.self, at: 6),
                    duplicates: try row.decode(Int.self, at: 7), rejects: try row.decode(Int.self, at: 8), error: row[9])
    }

    /// Folds the sample rows of `pipelineRejectsQuery` (already in order) into one entry per reason.
    private static func rejectReasons(_ result: PostgresResult) throws(PostgresError) -> [RejectReasonCount] {
        var reasons: [(reason: String, count: Int, samples: [RejectSample])] = []
        for row in result {
            let reason = try row.decode(String.self, at: 0)
            let sample = RejectSample(objectKey: try row.decode(String.self, at: 2), position: try row.decode(Int.self, at: 3),
                                      detail: row[4], excerpt: row[5], rejectedAt: try row.decode(String.self, at: 6))
            if reasons.last?.reason == reason {
                reasons[reasons.count - 1].samples.append(sample)
            } else {
                reasons.append((reason, try row.decode(Int.self, at: 1), [sample]))
            }
        }
        return reasons.map { RejectReasonCount(reason: $0.reason, count: $0.count, samples: $0.samples) }
    }
}
