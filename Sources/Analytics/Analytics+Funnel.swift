import Postgres

extension Analytics {
    /// Caller: `Analytics.funnel(_:)` (funnel chart, `/api/v1/funnel`) on the raw tables.
    /// $7 event names and $8 their 1-based step positions (parallel arrays). Each session's steps
    /// become a bit mask (bit k-1 = has an event of step k, in range and filters); the few distinct
    /// masks come back with their session counts, and Swift sums the sessions that hold all of
    /// steps 1…k for each k.
    static let funnelQuery = """
        WITH mapping AS (
          SELECT m.event_name, m.step
          FROM unnest($7::text[], $8::int[]) AS m(event_name, step)
        ), reached AS (
          SELECT e.session_id, bit_or(1::bigint << (m.step - 1)) AS steps
          FROM clickstream_events e
          JOIN mapping m ON m.event_name = e.event_name
          WHERE \(filterPredicate)
            AND e.session_id IS NOT NULL
          GROUP BY e.session_id
        )
        SELECT steps, count(*) AS sessions
        FROM reached
        GROUP BY steps
        """

    /// Steps past this many do not fit the 64-bit mask; a real funnel has a handful.
    static let maxFunnelSteps = 62

    /// Sessions through the funnel steps of `event_funnel_steps`.
    public func funnel(_ filters: Filters) async throws(AnalyticsError) -> Funnel {
        let steps = Array(try await funnelSteps().prefix(Self.maxFunnelSteps))
        if let snapshot = try await snapshot(for: filters) { return snapshot.funnel(filters, steps: steps) }
        var names: [String] = []
        var positions: [String] = []
        for (offset, step) in steps.enumerated() {
            for name in step.eventNames {
                names.append(name)
                positions.append(String(offset + 1))
            }
        }
        let result = try await run("funnel", Self.funnelQuery, Self.parameters(filters) + [names, positions])
        let masks = try decode("funnel") { () throws(PostgresError) -> [(mask: Int64, sessions: Int)] in
            try result.map { row throws(PostgresError) in
                (try row.decode(Int64.self, at: 0), try row.decode(Int.self, at: 1))
            }
        }
        // Sessions holding every step 1…k: the low k bits of the mask all set.
        let reached = steps.indices.map { offset in
            let required: Int64 = (1 << Int64(offset + 1)) - 1
            return masks.reduce(0) { $0 + ($1.mask & required == required ? $1.sessions : 0) }
        }
        return Funnel(steps: zip(steps, reached).enumerated().map { offset, pair in
            FunnelStep(step: pair.0.step, order: pair.0.order, sessions: pair.1,
                       previousSessions: offset == 0 ? nil : reached[offset - 1], firstSessions: reached.first ?? 0)
        })
    }
}
