import Money
import Postgres

extension Analytics {
    /// The totals half of `summaryQuery`: one scan over the previous period and the current one,
    /// FILTER splitting them. $7 is the previous period's start (it ends at $1); $8 the event names
    /// of the funnel's last step, for conversion.
    static let summaryTotalsSQL = """
        SELECT
          count(*) FILTER (WHERE cur) AS events,
          count(*) FILTER (WHERE NOT cur) AS previous_events,
          count(DISTINCT e.client_id) FILTER (WHERE cur) AS clients,
          count(DISTINCT e.client_id) FILTER (WHERE NOT cur) AS previous_clients,
          count(DISTINCT e.user_id) FILTER (WHERE cur AND e.user_login_state = 'logged_in') AS users,
          count(DISTINCT e.user_id) FILTER (WHERE NOT cur AND e.user_login_state = 'logged_in') AS previous_users,
          count(DISTINCT e.session_id) FILTER (WHERE cur) AS sessions,
          count(DISTINCT e.session_id) FILTER (WHERE NOT cur) AS previous_sessions,
          count(DISTINCT e.session_id) FILTER (WHERE cur AND e.event_name = ANY($8::text[])) AS converted,
          count(DISTINCT e.session_id) FILTER (WHERE NOT cur AND e.event_name = ANY($8::text[])) AS previous_converted,
          count(*) FILTER (WHERE cur AND e.event_name = 'checkout_complete') AS checkouts,
          count(*) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete') AS previous_checkouts,
          count(*) FILTER (WHERE cur AND e.event_name = 'add_to_cart_click') AS carts,
          count(*) FILTER (WHERE NOT cur AND e.event_name = 'add_to_cart_click') AS previous_carts,
          (count(*) FILTER (WHERE cur AND e.event_name = 'checkout_complete'))::float8
            / nullif(count(*) FILTER (WHERE cur AND e.event_name = 'add_to_cart_click'), 0) AS checkout_rate,
          (count(*) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete'))::float8
            / nullif(count(*) FILTER (WHERE NOT cur AND e.event_name = 'add_to_cart_click'), 0) AS previous_checkout_rate,
          coalesce(sum(e.order_total) FILTER (WHERE cur AND e.event_name = 'checkout_complete'), 0) AS revenue,
          coalesce(sum(e.order_total) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete'), 0) AS previous_revenue
        FROM clickstream_events e
        CROSS JOIN LATERAL (SELECT e.event_timestamp >= $1::timestamptz AS cur) AS period
        WHERE e.event_timestamp >= $7::timestamptz AND e.event_timestamp < $2::timestamptz
          AND \(dimensionPredicate)
        """

    /// The new-clients half of `summaryQuery`. `visitors`: each client the filters select in
    /// either period, and in which. `firsts`: each such client's first event ever, unfiltered;
    /// since the client has an event before $2, its minimum over events before $2 is its first
    /// ever, which keeps the scan off later rows. A client is new in a period it visits when its
    /// first event falls inside that period (for the previous one: at or after $7, as it visits
    /// before $1).
    static let newClientsSQL = """
        WITH visitors AS (
          SELECT e.client_id,
                 bool_or(e.event_timestamp >= $1::timestamptz) AS in_current,
                 bool_or(e.event_timestamp < $1::timestamptz) AS in_previous
          FROM clickstream_events e
          WHERE e.event_timestamp >= $7::timestamptz AND e.event_timestamp < $2::timestamptz
            AND e.client_id IS NOT NULL
            AND \(dimensionPredicate)
          GROUP BY e.client_id
        ), firsts AS (
          SELECT o.client_id, min(o.event_timestamp) AS first_seen
          FROM clickstream_events o
          WHERE o.event_timestamp < $2::timestamptz
            AND o.client_id IN (SELECT client_id FROM visitors)
          GROUP BY o.client_id
        )
        SELECT
          count(*) FILTER (WHERE v.in_current AND f.first_seen >= $1::timestamptz) AS new_clients,
          count(*) FILTER (WHERE v.in_previous AND f.first_seen >= $7::timestamptz) AS previous_new_clients
        FROM visitors v JOIN firsts f USING (client_id)
        """

    /// Caller: `Analytics.summary(_:)` (the KPI cards and `/api/v1/summary`) on the raw tables.
    static let summaryQuery = """
        SELECT t.*, n.*
        FROM (\(summaryTotalsSQL)) AS t
        CROSS JOIN (\(newClientsSQL)) AS n
        """

    /// Headline numbers for the range and the previous period of equal length. `comparing: false` may
    /// leave the previous period out (nil), which halves the index's work for sparkline points.
    public func summary(_ filters: Filters, comparing: Bool = true) async throws(AnalyticsError) -> Summary {
        if let snapshot = try await snapshot(for: filters) { return snapshot.summary(filters, comparing: comparing) }
        let lastStep = try await funnelSteps().last?.eventNames ?? []
        let parameters = Self.parameters(filters) + [filters.previousStart, lastStep]
        let result = try await run("summary", Self.summaryQuery, parameters)
        return try decode("summary") { () throws(PostgresError) -> Summary in
            guard let row = result.first else {
                throw PostgresError(kind: .decoding, message: "summary returned no row")
            }
            func value(_ column: String) throws(PostgresError) -> (current: Double?, previous: Double?) {
                (try row.decodeIfPresent(Double.self, column: column),
                 try row.decodeIfPresent(Double.self, column: "previous_" + column))
            }
            func kpi(_ column: String) throws(PostgresError) -> KPI {
                let (current, previous) = try value(column)
                return KPI(current: current, previous: previous)
            }
            let events = try value("events")
            let sessions = try value("sessions")
            let converted = try value("converted")
            return Summary(
                events: try kpi("events"), uniqueClients: try kpi("clients"), loggedInUsers: try kpi("users"),
                sessions: try kpi("sessions"),
                eventsPerSession: KPI(current: Self.ratio(events.current, sessions.current),
                                      previous: Self.ratio(events.previous, sessions.previous)),
                newClients: try kpi("new_clients"), checkoutRate: try kpi("checkout_rate"),
                conversion: KPI(current: Self.ratio(converted.current, sessions.current),
                                previous: Self.ratio(converted.previous, sessions.previous)),
                checkouts: try kpi("checkouts"), addToCarts: try kpi("carts"),
                // numeric sums stay exact: read as Amount, never cast to float8 (22003 past 10^308).
                revenue: AmountKPI(current: try row.decodeIfPresent(Amount.self, column: "revenue"),
                                   previous: try row.decodeIfPresent(Amount.self, column: "previous_revenue")))
        }
    }

    /// `numerator / denominator`, nil when the denominator is missing or zero.
    static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
        guard let numerator, let denominator, denominator != 0 else { return nil }
        return numerator / denominator
    }
}
