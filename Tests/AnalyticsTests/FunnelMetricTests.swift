import Analytics
import Foundation
import Testing

@Suite("Funnel on the raw tables")
struct FunnelMetricTests {
    static func event(_ name: String, _ session: String?, minute: Int = 0, day: String = "2025-12-06") -> EventFixture {
        EventFixture(time: "\(day)T11:0\(minute):00Z", name: name, sessionID: session)
    }

    static let fixtures = [
        // s1: every step in order.
        event("product_view", "s1"), event("add_to_cart_click", "s1", minute: 1),
        event("checkout_start", "s1", minute: 2), event("checkout_complete", "s1", minute: 3),
        // s2: view and cart under the Facebook-pixel names, then leaves.
        event("ViewContent", "s2"), event("AddToCart", "s2", minute: 1),
        // s3: view, then completes without a cart: step 1 only.
        event("product_view", "s3"), event("checkout_complete", "s3", minute: 1),
        // s4: a cart without a view reaches nothing.
        event("add_to_cart", "s4"),
        // s5: every step, in reverse order (order within a session does not matter).
        event("purchase", "s5"), event("begin_checkout", "s5", minute: 1),
        event("add_to_cart", "s5", minute: 2), event("product_view", "s5", minute: 3),
        // No session, or outside the range: not counted.
        event("product_view", nil), event("product_view", "s6", day: "2025-11-01"),
    ]

    static let range = [("from", "2025-12-06"), ("to", "2025-12-06")]

    @Test("a session reaches step k when it has events of every step 1…k, in any order")
    func sessionsThroughSteps() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let funnel = try await analytics.funnel(try AnalyticsHarness.filters(Self.range))
            #expect(funnel.steps.map(\.step) == ["product_view", "add_to_cart", "checkout_start", "checkout_complete"])
            #expect(funnel.steps.map(\.order) == [1, 2, 3, 4])
            #expect(funnel.steps.map(\.sessions) == [4, 3, 2, 2])
            #expect(funnel.steps.map(\.fromPrevious) == [nil, 0.75, 2.0 / 3.0, 1])
            #expect(funnel.steps.map(\.fromFirst) == [1, 0.75, 0.5, 0.5])
        }
    }

    @Test("an event name filter keeps only that step's events")
    func eventNameFilter() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let funnel = try await analytics.funnel(try AnalyticsHarness.filters(Self.range + [("event_name", "product_view")]))
            #expect(funnel.steps.map(\.sessions) == [3, 0, 0, 0])
            #expect(funnel.steps.map(\.fromPrevious) == [nil, 0, nil, nil])
        }
    }

    @Test("steps come from event_funnel_steps, renumbered 1…n in step order")
    func configuredSteps() async throws {
        let setup = [
            SetupStatement("DELETE FROM event_funnel_steps WHERE funnel_step = 'checkout_start'"),
            SetupStatement("INSERT INTO event_funnel_steps (event_name, funnel_step, step_order) VALUES ($1, 'engaged', 0)", ["click"]),
        ]
        let fixtures = Self.fixtures + [Self.event("click", "s1"), Self.event("click", "s4")]
        try await AnalyticsHarness.withAnalytics(fixtures, setup: setup) { analytics, _ in
            let steps = try await analytics.funnelSteps()
            #expect(steps.map(\.step) == ["engaged", "product_view", "add_to_cart", "checkout_complete"])
            #expect(steps.map(\.order) == [1, 2, 3, 4])
            #expect(steps[2].eventNames == ["AddToCart", "add_to_cart", "add_to_cart_click"])
            let funnel = try await analytics.funnel(try AnalyticsHarness.filters(Self.range))
            // s1 and s4 clicked; of those only s1 viewed, carted and completed.
            #expect(funnel.steps.map(\.sessions) == [2, 1, 1, 1])
        }
    }

    @Test("an empty range gives zero sessions and no ratios")
    func emptyRange() async throws {
        try await AnalyticsHarness.withAnalytics([]) { analytics, _ in
            let funnel = try await analytics.funnel(try AnalyticsHarness.filters(Self.range))
            #expect(funnel.steps.map(\.sessions) == [0, 0, 0, 0])
            #expect(funnel.steps.allSatisfy { $0.fromFirst == nil && $0.fromPrevious == nil })
        }
    }
}
