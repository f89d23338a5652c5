import Foundation
import Postgres

extension Analytics {
    /// The columns of one raw event row; the timestamp is printed in UTC with microseconds so a
    /// cursor made from it matches the stored value exactly whatever the session's settings.
    static let eventColumns = """
        e.event_id::text,
        to_char(e.event_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS event_timestamp,
        to_char(e.event_timestamp AT TIME ZONE $7::text, 'YYYY-MM-DD HH24:MI:SS') AS local_time,
        e.event_name, e.user_login_state, e.user_id, e.client_id, e.session_id,
        e.context_product_id, e.context_product_name, e.context_product_category, e.context_product_brand,
        e.context_product_price::text, e.order_total::text, e.page_url
        """

    /// Caller: `Analytics.events(_:cursor:)`, first page. $7 zone for local times, $8 rows to fetch.
    static let firstEventsQuery = """
        SELECT \(eventColumns)
        FROM clickstream_events e
        WHERE \(filterPredicate) \(scopeMark)
        ORDER BY e.event_timestamp DESC, e.event_id DESC
        LIMIT $8
        """

    /// Caller: `Analytics.events(_:cursor:)`, older page: rows after the key ($9, $10) in
    /// newest-first order. The row comparison walks the (event_timestamp, event_id) index.
    static let olderEventsQuery = """
        SELECT \(eventColumns)
        FROM clickstream_events e
        WHERE \(filterPredicate) \(scopeMark)
          AND (e.event_timestamp, e.event_id) < ($9::timestamptz, $10::uuid)
        ORDER BY e.event_timestamp DESC, e.event_id DESC
        LIMIT $8
        """

    /// Caller: `Analytics.events(_:cursor:)`, newer page: rows before the key, read oldest first
    /// and reversed in Swift.
    static let newerEventsQuery = """
        SELECT \(eventColumns)
        FROM clickstream_events e
        WHERE \(filterPredicate) \(scopeMark)
          AND (e.event_timestamp, e.event_id) > ($9::timestamptz, $10::uuid)
        ORDER BY e.event_timestamp ASC, e.event_id ASC
        LIMIT $8
        """

    /// Where the queries above take the scope's condition (`eventsQuery`): product events are those with a product id,
    /// as the products panel counts them (an empty id is none).
    static let scopeMark = "/* scope */"

    /// The events query `sql` for `scope`.
    static func eventsQuery(_ sql: String, _ scope: EventScope) -> String {
        sql.replacingOccurrences(of: scopeMark, with: scope == .product ? "AND e.context_product_id <> ''" : "")
    }

    /// One page of raw events, newest first. `cursor` comes from a previous page's
    /// `nextCursor`/`previousCursor`; `nil` reads the first page.
    public func events(_ filters: Filters, scope: EventScope = .product,
                       cursor: EventCursor? = nil) async throws(AnalyticsError) -> EventPage {
        let pageSize = max(1, configuration.pageSize)
        // One extra row tells whether another page exists in the reading direction.
        var parameters = Self.parameters(filters) + [filters.timeZoneName, pageSize + 1]
        let name: String
        let sql: String
        switch cursor?.direction {
        case nil: (name, sql) = ("events_first", Self.firstEventsQuery)
        case .older?: (name, sql) = ("events_older", Self.olderEventsQuery)
        case .newer?: (name, sql) = ("events_newer", Self.newerEventsQuery)
        }
        if let cursor { parameters += [cursor.timestamp, cursor.eventID] }
        let result = try await run(name, Self.eventsQuery(sql, scope), parameters)
        var rows = try decode(name) { () throws(PostgresError) -> [EventRecord] in
            try result.map { row throws(PostgresError) in try Self.record(row) }
        }
        let hasMore = rows.count > pageSize
        rows = Array(rows.prefix(pageSize))

        switch cursor?.direction {
        case nil:
            return page(rows, hasOlder: hasMore, hasNewer: false)
        case .older?:
            return page(rows, hasOlder: hasMore, hasNewer: true)
        case .newer?:
            // Near the top a short newer page would look odd: show the real first page instead.
            guard hasMore else { return try await events(filters, scope: scope, cursor: nil) }
            return page(rows.reversed(), hasOlder: true, hasNewer: true)
        }
    }

    private func page(_ rows: [EventRecord], hasOlder: Bool, hasNewer: Bool) -> EventPage {
        func cursor(_ row: EventRecord?, _ direction: EventCursor.Direction) -> String? {
            guard let row, let id = UUID(uuidString: row.eventID) else { return nil }
            return EventCursor(direction: direction, timestamp: row.timestamp, eventID: id).encoded
        }
        return EventPage(
            events: rows,
            nextCursor: hasOlder ? cursor(rows.last, .older) : nil,
            previousCursor: hasNewer ? cursor(rows.first, .newer) : nil,
            pageSize: max(1, configuration.pageSize))
    }

    private static func record(_ row: PostgresRow) throws(PostgresError) -> EventRecord {
        EventRecord(
            eventID: try row.decode(String.self, at: 0), timestamp: try row.decode(String.self, at: 1),
            localTime: try row.decode(String.self, at: 2), eventName: row[3] ?? "", loginState: row[4],
            userID: row[5], clientID: row[6], sessionID: row[7], productID: row[8], productName: row[9],
            category: row[10], brand: row[11], price: row[12], orderTotal: row[13], pageURL: row[14])
    }
}
