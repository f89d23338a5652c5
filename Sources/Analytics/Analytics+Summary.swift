import Postgres

extension Analytics {
    /// Caller: `Analytics.summary(_:)` (the KPI cards and `/api/v1/summary`).
    /// One scan over the previous period and the current one; FILTER splits them.
    /// $7 is the previous period's start (it ends at $1).
    static let summaryQuery = """
        SELECT
          count(*) FILTER (WHERE cur) AS events,
          count(*) FILTER (WHERE NOT cur) AS previous_events,
          count(DISTINCT e.client_id) FILTER (WHERE cur) AS clients,
          count(DISTINCT e.client_id) FILTER (WHERE NOT cur) AS previous_clients,
          count(DISTINCT e.user_id) FILTER (WHERE cur AND e.user_login_state = 'logged_in') AS users,
          count(DISTINCT e.user_id) FILTER (WHERE NOT cur AND e.user_login_state = 'logged_in') AS previous_users,
          count(DISTINCT e.session_id) FILTER (WHERE cur) AS sessions,
          count(DISTINCT e.session_id) FILTER (WHERE NOT cur) AS previous_sessions,
          count(*) FILTER (WHERE cur AND e.event_name = 'checkout_complete') AS checkouts,
          count(*) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete') AS previous_checkouts,
          count(*) FILTER (WHERE cur AND e.event_name = 'add_to_cart_click') AS carts,
          count(*) FILTER (WHERE NOT cur AND e.event_name = 'add_to_cart_click') AS previous_carts,
          (count(*) FILTER (WHERE cur AND e.event_name = 'checkout_complete'))::float8
            / nullif(count(*) FILTER (WHERE cur AND e.event_name = 'add_to_cart_click'), 0) AS checkout_rate,
          (count(*) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete'))::float8
            / nullif(count(*) FILTER (WHERE NOT cur AND e.event_name = 'add_to_cart_click'), 0) AS previous_checkout_rate,
          coalesce(sum(e.order_total) FILTER (WHERE cur AND e.event_name = 'checkout_complete'), 0)::float8 AS revenue,
          coalesce(sum(e.order_total) FILTER (WHERE NOT cur AND e.event_name = 'checkout_complete'), 0)::float8 AS previous_revenue
        FROM clickstream_events e
        CROSS JOIN LATERAL (SELECT e.event_timestamp >= $1::timestamptz AS cur) AS period
        WHERE e.event_timestamp >= $7::timestamptz AND e.event_timestamp < $2::timestamptz
          AND \(dimensionPredicate)
        """

    /// Headline numbers for the range and the previous period of equal length.
    public func summary(_ filters: Filters) async throws(AnalyticsError) -> Summary {
        let result = try await run("summary", Self.summaryQuery, Self.parameters(filters) + [filters.previousStart])
        return try decode("summary") { () throws(PostgresError) -> Summary in
            guard let row = result.first else {
                throw PostgresError(kind: .decoding, message: "summary returned no row")
            }
            func kpi(_ column: String) throws(PostgresError) -> KPI {
                KPI(current: try row.decodeIfPresent(Double.self, column: column),
                    previous: try row.decodeIfPresent(Double.self, column: "previous_" + column))
            }
            return Summary(
                events: try kpi("events"), uniqueClients: try kpi("clients"), loggedInUsers: try kpi("users"),
                sessions: try kpi("sessions"), eventsPerSession: KPI(current: nil, previous: nil),
                newClients: KPI(current: nil, previous: nil), checkoutRate: try kpi("checkout_rate"),
                conversion: KPI(current: nil, previous: nil), checkouts: try kpi("checkouts"),
                addToCarts: try kpi("carts"), revenue: try kpi("revenue"))
        }
    }
}
