import Postgres

/// One configured funnel step: its key, its 1-based position and the event names that count as it.
public struct FunnelStepDefinition: Sendable, Hashable {
    /// `event_funnel_steps.funnel_step` (`product_view`, `add_to_cart`, ...).
    public let step: String
    /// 1-based position among the steps (the table's `step_order`, renumbered without gaps).
    public let order: Int
    /// Every `event_name` mapped to this step, in code-point order.
    public let eventNames: [String]

    public init(step: String, order: Int, eventNames: [String]) {
        self.step = step
        self.order = order
        self.eventNames = eventNames
    }

    /// Caller: `Analytics.funnelSteps()` (and the metrics index, which needs the same steps).
    /// One row per mapped event name, steps in `step_order`, names in code-point order, so every
    /// reader builds identical definitions whatever the database's collation.
    static let query = """
        SELECT s.funnel_step, s.event_name
        FROM event_funnel_steps s
        ORDER BY s.step_order, s.funnel_step COLLATE "C", s.event_name COLLATE "C"
        """

    /// The definitions in a result of `query`, numbered 1…n in row order.
    static func definitions(_ result: PostgresResult) throws(PostgresError) -> [FunnelStepDefinition] {
        var steps: [(step: String, names: [String])] = []
        for row in result {
            let step = try row.decode(String.self, at: 0)
            let name = try row.decode(String.self, at: 1)
            if steps.last?.step == step {
                steps[steps.count - 1].names.append(name)
            } else {
                steps.append((step, [name]))
            }
        }
        return steps.enumerated().map { offset, entry in
            FunnelStepDefinition(step: entry.step, order: offset + 1, eventNames: entry.names)
        }
    }
}
