import Postgres

extension Analytics {
    // Each breakdown: the top $7 labels with their counts, and (window over all groups, computed
    // before LIMIT) the total across every label, so shares and "others" are exact. Ties are
    // broken by label in code-point order (COLLATE "C"), as the index does, whatever the
    // database's collation.

    /// Caller: `Analytics.eventNames(_:)` (top event types chart, `/api/v1/event-names`).
    static let eventNamesQuery = """
        SELECT coalesce(nullif(e.event_name, ''), '(none)') COLLATE "C" AS label, count(*) AS events, (sum(count(*)) OVER ())::bigint AS total
        FROM clickstream_events e
        WHERE \(filterPredicate)
        GROUP BY 1
        ORDER BY events DESC, label
        LIMIT $7
        """

    /// Caller: `Analytics.loginStates(_:)` (login states chart, `/api/v1/login-states`).
    /// Events without a login state count as 'unknown', the value the login_state filter takes for them.
    static let loginStatesQuery = """
        SELECT coalesce(e.user_login_state, 'unknown') COLLATE "C" AS label, count(*) AS events, (sum(count(*)) OVER ())::bigint AS total
        FROM clickstream_events e
        WHERE \(filterPredicate)
        GROUP BY 1
        ORDER BY events DESC, label
        LIMIT $7
        """

    /// Caller: `Analytics.categories(_:)` (top categories chart, `/api/v1/categories`).
    /// Only product events (a non-empty product id) that name a category (empty counts as none).
    static let categoriesQuery = """
        SELECT e.context_product_category COLLATE "C" AS label, count(*) AS events, (sum(count(*)) OVER ())::bigint AS total
        FROM clickstream_events e
        WHERE \(filterPredicate)
          AND coalesce(e.context_product_id, '') <> '' AND coalesce(e.context_product_category, '') <> ''
        GROUP BY 1
        ORDER BY events DESC, label
        LIMIT $7
        """

    /// Caller: `Analytics.brands(_:)` (top brands chart, `/api/v1/brands`).
    /// Only product events (a non-empty product id) that name a brand (empty counts as none).
    static let brandsQuery = """
        SELECT e.context_product_brand COLLATE "C" AS label, count(*) AS events, (sum(count(*)) OVER ())::bigint AS total
        FROM clickstream_events e
        WHERE \(filterPredicate)
          AND coalesce(e.context_product_id, '') <> '' AND coalesce(e.context_product_brand, '') <> ''
        GROUP BY 1
        ORDER BY events DESC, label
        LIMIT $7
        """

    /// The most frequent event names.
    public func eventNames(_ filters: Filters) async throws(AnalyticsError) -> Breakdown {
        if let snapshot = try await snapshot(for: filters) { return snapshot.eventNames(filters, limit: configuration.topLimit) }
        return try await breakdown("event_names", Self.eventNamesQuery, filters)
    }

    /// Events by login state; events without one are counted as "unknown".
    public func loginStates(_ filters: Filters) async throws(AnalyticsError) -> Breakdown {
        if let snapshot = try await snapshot(for: filters) { return snapshot.loginStates(filters, limit: configuration.topLimit) }
        return try await breakdown("login_states", Self.loginStatesQuery, filters)
    }

    /// The busiest product categories among product events.
    public func categories(_ filters: Filters) async throws(AnalyticsError) -> Breakdown {
        if let snapshot = try await snapshot(for: filters) { return snapshot.categories(filters, limit: configuration.topLimit) }
        return try await breakdown("categories", Self.categoriesQuery, filters)
    }

    /// The busiest brands among product events.
    public func brands(_ filters: Filters) async throws(AnalyticsError) -> Breakdown {
        if let snapshot = try await snapshot(for: filters) { return snapshot.brands(filters, limit: configuration.topLimit) }
        return try await breakdown("brands", Self.brandsQuery, filters)
    }

    private func breakdown(_ name: String, _ sql: String, _ filters: Filters) async throws(AnalyticsError) -> Breakdown {
        let result = try await run(name, sql, Self.parameters(filters) + [configuration.topLimit])
        return try decode(name) { () throws(PostgresError) -> Breakdown in
            let total = try result.first?.decode(Int.self, at: 2) ?? 0
            let items = try result.map { row throws(PostgresError) in
                let count = try row.decode(Int.self, at: 1)
                return RankedCount(label: try row.decode(String.self, at: 0), count: count,
                                   share: total == 0 ? 0 : Double(count) / Double(total))
            }
            return Breakdown(items: items, total: total)
        }
    }
}
