import Analytics
import Foundation
import Money
import Testing

@Suite("Summary: events per session, new clients and conversion on the raw tables")
struct SummaryMetricTests {
    // Range 2025-12-05..2025-12-06 in UTC: current [12-05, 12-07), previous [12-03, 12-05).
    static let fixtures = [
        // "old" first appears on 12-01, long before both periods.
        EventFixture(time: "2025-12-01T12:00:00Z", name: "click", clientID: "old", sessionID: "s8"),
        EventFixture(time: "2025-12-03T08:00:00Z", name: "click", clientID: "old", sessionID: "s9"),
        // "straddle" first appears in the previous period and comes back in the current one.
        EventFixture(time: "2025-12-04T12:00:00Z", name: "add_to_cart_click", clientID: "straddle", sessionID: "s0"),
        // "edge" first appears at the very first instant of the current period.
        EventFixture(time: "2025-12-05T00:00:00Z", name: "click", clientID: "edge", sessionID: "s6"),
        // s1 goes all the way through the funnel.
        EventFixture(time: "2025-12-05T10:00:00Z", name: "product_view", clientID: "fresh", sessionID: "s1"),
        EventFixture(time: "2025-12-05T10:01:00Z", name: "add_to_cart_click", clientID: "fresh", sessionID: "s1"),
        EventFixture(time: "2025-12-05T10:02:00Z", name: "checkout_start", clientID: "fresh", sessionID: "s1"),
        EventFixture(time: "2025-12-05T10:03:00Z", name: "checkout_complete", clientID: "fresh", sessionID: "s1", orderTotal: "100"),
        // s2 views and carts but never checks out.
        EventFixture(time: "2025-12-05T11:00:00Z", name: "product_view", clientID: "old", sessionID: "s2"),
        EventFixture(time: "2025-12-05T11:05:00Z", name: "add_to_cart_click", clientID: "old", sessionID: "s2"),
        EventFixture(time: "2025-12-06T09:00:00Z", name: "click", clientID: "straddle", sessionID: "s3"),
        EventFixture(time: "2025-12-06T10:00:00Z", name: "click", clientID: nil, sessionID: "s4"),
        // The Kinesis name of the last step converts s5 too.
        EventFixture(time: "2025-12-06T12:00:00Z", name: "Purchase", clientID: "old", sessionID: "s5"),
        // The end is exclusive: "tomorrow" is in neither period.
        EventFixture(time: "2025-12-07T00:00:00Z", name: "click", clientID: "tomorrow", sessionID: "s7"),
    ]

    @Test("events per session, new clients and conversion for the range and the previous period")
    func extendedKPIs() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let summary = try await analytics.summary(try AnalyticsHarness.filters([("from", "2025-12-05"), ("to", "2025-12-06")]))
            #expect(summary.events.current == 10)
            #expect(summary.events.previous == 2)
            #expect(summary.sessions.current == 6)
            #expect(summary.sessions.previous == 2)
            #expect(summary.eventsPerSession.current == 10.0 / 6.0)
            #expect(summary.eventsPerSession.previous == 1)
            // New now: fresh and edge; old and straddle were seen before 12-05.
            #expect(summary.newClients.current == 2)
            // New then: straddle; old was seen on 12-01.
            #expect(summary.newClients.previous == 1)
            // s1 (checkout_complete) and s5 (Purchase) of 6 sessions; none of the previous 2.
            #expect(summary.conversion.current == 2.0 / 6.0)
            #expect(summary.conversion.previous == 0)
            #expect(summary.checkoutRate.current == 0.5)
            #expect(summary.revenue.current == Amount(100))
        }
    }

    @Test("a client's first event ever ignores the dimension filters")
    func newClientsIgnoreFiltersForFirstEvent() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let summary = try await analytics.summary(try AnalyticsHarness.filters([
                ("from", "2025-12-05"), ("to", "2025-12-06"), ("event_name", "product_view"),
            ]))
            #expect(summary.events.current == 2)
            #expect(summary.uniqueClients.current == 2)
            // old's first product_view is in the range, but its first event (a click) is not.
            #expect(summary.newClients.current == 1)
            #expect(summary.conversion.current == 0)
        }
    }

    @Test("an empty range has no events per session and no conversion, and zero new clients")
    func emptyRangeRatiosAreUndefined() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let summary = try await analytics.summary(try AnalyticsHarness.filters([("from", "2025-11-20"), ("to", "2025-11-21")]))
            #expect(summary.sessions.current == 0)
            #expect(summary.eventsPerSession.current == nil)
            #expect(summary.conversion.current == nil)
            #expect(summary.newClients.current == 0)
        }
    }

    @Test("conversion follows the configured last funnel step")
    func conversionUsesLastConfiguredStep() async throws {
        let setup = [SetupStatement("INSERT INTO event_funnel_steps (event_name, funnel_step, step_order) VALUES ('click', 'engaged', 5)")]
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: setup) { analytics, _ in
            let summary = try await analytics.summary(try AnalyticsHarness.filters([("from", "2025-12-05"), ("to", "2025-12-06")]))
            // Sessions with a click: s3, s4, s6.
            #expect(summary.conversion.current == 3.0 / 6.0)
        }
    }

    @Test("status says how far the data is complete: the start of the last succeeded run")
    func statusDataCompleteUpTo() async throws {
        let setup = [
            SetupStatement("INSERT INTO etl_runs (started_at, status) VALUES ('2025-12-06T01:00:00Z', 'succeeded'), ('2025-12-06T02:00:00Z', 'failed')"),
        ]
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: setup) { analytics, _ in
            let status = try await analytics.status()
            #expect(status.dataCompleteUpTo == "2025-12-06T01:00:00Z")
            #expect(status.latestEvent == "2025-12-07T00:00:00Z")
        }
    }
}
