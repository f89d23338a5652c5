import Analytics
import Foundation
import Logging
import Money
import Postgres
import TestSupport
import Testing

@Suite("Analytics against a real warehouse")
struct AnalyticsQueryTests {
    let logger = Logger(label: "analytics.tests")
    let now = ISOTimestamp.parse("2025-12-06T23:00:00Z", localZone: .gmt) ?? .distantPast

    func filters(_ items: [(String, String)]) throws -> Filters {
        try Filters(queryItems: items.map { (name: $0.0, value: $0.1) }, now: now)
    }

    func withAnalytics(_ fixtures: [EventFixture], pageSize: Int = 20,
                       _ body: @Sendable (Analytics) async throws -> Void) async throws {
        try await withTestDatabase { db in
            try await EventFixture.insert(fixtures, into: db.pool)
            var configuration = Analytics.Configuration()
            configuration.pageSize = pageSize
            try await body(Analytics(pool: db.pool, logger: logger, configuration: configuration))
        }
    }

    @Test("summary counts events, clients, users, sessions, checkout rate and revenue against the previous period")
    func summaryTotals() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-05T10:00:00Z", name: "product_view", clientID: "a", sessionID: "s1"),
            EventFixture(time: "2025-12-05T10:01:00Z", name: "add_to_cart_click", loginState: "logged_in", userID: "u1", clientID: "a", sessionID: "s1"),
            EventFixture(time: "2025-12-05T10:02:00Z", name: "add_to_cart_click", loginState: "logged_in", userID: "u1", clientID: "a", sessionID: "s1"),
            EventFixture(time: "2025-12-06T09:00:00Z", name: "checkout_complete", loginState: "logged_in", userID: "u2", clientID: "b", sessionID: "s2", orderTotal: "5370000.50"),
            EventFixture(time: "2025-12-06T09:30:00Z", name: "click", loginState: nil, clientID: "c", sessionID: "s3"),
            // previous period (2025-12-03 .. 2025-12-04) and outside both periods
            EventFixture(time: "2025-12-04T12:00:00Z", name: "add_to_cart_click", clientID: "a", sessionID: "s0"),
            EventFixture(time: "2025-12-01T12:00:00Z", name: "click", clientID: "z", sessionID: "s9"),
        ]
        try await withAnalytics(fixtures) { analytics in
            let summary = try await analytics.summary(try filters([("from", "2025-12-05"), ("to", "2025-12-06")]))
            #expect(summary.events.current == 5)
            #expect(summary.events.previous == 1)
            #expect(summary.events.changeRatio == 4)
            #expect(summary.uniqueClients.current == 3)
            #expect(summary.loggedInUsers.current == 2)
            #expect(summary.sessions.current == 3)
            #expect(summary.checkoutRate.current == 0.5)
            #expect(summary.checkoutRate.previous == 0)
            #expect(summary.revenue.current == Amount("5370000.5"))
            #expect(summary.revenue.changeRatio == nil)
        }
    }

    @Test("an empty range has zero counts and no checkout rate")
    func emptySummary() async throws {
        try await withAnalytics([]) { analytics in
            let summary = try await analytics.summary(try filters([]))
            #expect(summary.events.current == 0)
            #expect(summary.checkoutRate.current == nil)
            let status = try await analytics.status()
            #expect(status.isEmpty)
            #expect(try await analytics.dataVersion() == 0)
        }
    }

    @Test("login states count missing values as unknown, and the filter selects them")
    func loginStatesUnknown() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-06T01:00:00Z", name: "click", loginState: nil),
            EventFixture(time: "2025-12-06T02:00:00Z", name: "click", loginState: nil),
            EventFixture(time: "2025-12-06T03:00:00Z", name: "click", loginState: "logged_in"),
        ]
        try await withAnalytics(fixtures) { analytics in
            let states = try await analytics.loginStates(try filters([]))
            #expect(states.items.map(\.label) == ["unknown", "logged_in"])
            #expect(states.items.map(\.count) == [2, 1])
            #expect(states.total == 3)
            let unknownOnly = try await analytics.summary(try filters([("login_state", "unknown")]))
            #expect(unknownOnly.events.current == 2)
        }
    }

    @Test("top categories and brands count product events only")
    func categoriesAmongProductEvents() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-06T01:00:00Z", name: "product_view", productID: "p1", category: "mouse", brand: "Logitech"),
            EventFixture(time: "2025-12-06T01:01:00Z", name: "product_view", productID: "p2", category: "keyboard", brand: "AULA"),
            EventFixture(time: "2025-12-06T01:02:00Z", name: "add_to_cart_click", productID: "p2", category: "keyboard", brand: "AULA"),
            // a category without a product id is not a product event
            EventFixture(time: "2025-12-06T01:03:00Z", name: "click", category: "mouse"),
            EventFixture(time: "2025-12-06T01:04:00Z", name: "click", category: "mouse"),
        ]
        try await withAnalytics(fixtures) { analytics in
            let categories = try await analytics.categories(try filters([]))
            #expect(categories.items == [
                RankedCount(label: "keyboard", count: 2, share: 2.0 / 3.0),
                RankedCount(label: "mouse", count: 1, share: 1.0 / 3.0),
            ])
            let brands = try await analytics.brands(try filters([("event_name", "product_view")]))
            #expect(brands.items.map(\.label) == ["AULA", "Logitech"])
            #expect(brands.total == 2)
            let names = try await analytics.eventNames(try filters([]))
            #expect(names.items.first == RankedCount(label: "click", count: 2, share: 0.4))
        }
    }

    @Test("day buckets follow the zone: 20:00 UTC is the next day in Asia/Ho_Chi_Minh")
    func dayBucketsFollowZone() async throws {
        let fixtures = [EventFixture(time: "2025-12-04T20:00:00Z", name: "click")]
        try await withAnalytics(fixtures) { analytics in
            let range = [("from", "2025-12-03"), ("to", "2025-12-06")]
            let utc = try await analytics.timeSeries(try filters(range + [("tz", "UTC")]))
            #expect(utc.granularity == .day)
            #expect(utc.points.map(\.label) == ["2025-12-03", "2025-12-04", "2025-12-05", "2025-12-06"])
            #expect(utc.points.map(\.events) == [0, 1, 0, 0])
            let hcm = try await analytics.timeSeries(try filters(range + [("tz", "Asia/Ho_Chi_Minh")]))
            #expect(hcm.points.map(\.events) == [0, 0, 1, 0])
            #expect(hcm.points.first?.start == "2025-12-02T17:00:00Z")
        }
    }

    @Test("short ranges are hourly with empty hours filled with zeros")
    func hourlyBuckets() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-06T05:14:09Z", name: "click"),
            EventFixture(time: "2025-12-06T05:59:59Z", name: "click"),
            EventFixture(time: "2025-12-06T07:00:00Z", name: "click"),
        ]
        try await withAnalytics(fixtures) { analytics in
            let series = try await analytics.timeSeries(try filters([("from", "2025-12-06"), ("to", "2025-12-06"), ("tz", "Asia/Kolkata")]))
            #expect(series.granularity == .hour)
            #expect(series.points.count == 24)
            // 05:14Z is 10:44 in Kolkata (+05:30): the 10:00 local bucket starts at 04:30Z.
            let busy = series.points.filter { $0.events > 0 }
            #expect(busy.map(\.label) == ["2025-12-06 10:00", "2025-12-06 11:00", "2025-12-06 12:00"])
            #expect(busy.map(\.events) == [1, 1, 1])
            #expect(busy.first?.start == "2025-12-06T04:30:00Z")
        }
    }

    @Test("keyset paging returns every row exactly once, forwards and back")
    func keysetPaging() async throws {
        // 47 events, many sharing a timestamp, so the event id must break ties.
        let fixtures = (0..<47).map { index in
            EventFixture(time: "2025-12-06T10:00:0\(index % 5).123456Z", name: "click")
        }
        try await withAnalytics(fixtures, pageSize: 10) { analytics in
            let range = try filters([])
            var seen: [String] = []
            var pages: [EventPage] = []
            var page = try await analytics.events(range, scope: .all)
            #expect(page.previousCursor == nil)
            while true {
                pages.append(page)
                seen += page.events.map(\.eventID)
                guard let next = page.nextCursor else { break }
                page = try await analytics.events(range, scope: .all, cursor: try EventCursor(encoded: next))
            }
            #expect(pages.map(\.events.count) == [10, 10, 10, 10, 7])
            #expect(Set(seen) == Set(fixtures.map { $0.id.uuidString.lowercased() }))
            #expect(seen.count == 47)
            let times = pages.flatMap(\.events).map(\.timestamp)
            #expect(times == times.sorted(by: >))
            // Back from the last page lands on the fourth, row for row.
            let back = try await analytics.events(range, scope: .all, cursor: try EventCursor(encoded: pages[4].previousCursor ?? ""))
            #expect(back.events == pages[3].events)
            // Back from the second page is the first page, which has no previous link.
            let first = try await analytics.events(range, scope: .all, cursor: try EventCursor(encoded: pages[1].previousCursor ?? ""))
            #expect(first == pages[0])
        }
    }

    @Test("raw events list product events by default, every event with scope all")
    func eventScopes() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-06T10:00:01Z", name: "page_view"),
            EventFixture(time: "2025-12-06T10:00:02Z", name: "product_view", productID: "p1"),
            EventFixture(time: "2025-12-06T10:00:03Z", name: "click"),
            EventFixture(time: "2025-12-06T10:00:04Z", name: "add_to_cart_click", productID: "p1"),
        ]
        try await withAnalytics(fixtures) { analytics in
            let range = try filters([])
            #expect(try await analytics.events(range).events.map(\.eventName) == ["add_to_cart_click", "product_view"])
            #expect(try await analytics.events(range, scope: .all).events.map(\.eventName)
                == ["add_to_cart_click", "click", "product_view", "page_view"])
        }
        #expect(throws: FilterError.self) { try EventScope(queryValue: "some") }
        #expect(try EventScope(queryValue: "") == .product)
    }

    @Test("an unreachable warehouse is reported as unavailable")
    func unreachableWarehouse() async throws {
        var configuration = PostgresPool.Configuration(url: "postgresql:///postgres?host=/nonexistent-socket-dir&user=postgres")
        configuration.acquireTimeout = .seconds(2)
        configuration.connectTimeout = .seconds(2)
        let pool = PostgresPool(configuration: configuration, logger: logger)
        defer { pool.shutdown() }
        let analytics = Analytics(pool: pool, logger: logger)
        let range = try filters([])
        do {
            _ = try await analytics.summary(range)
            Issue.record("expected an error")
        } catch {
            #expect(error.isWarehouseUnavailable)
        }
    }
}
