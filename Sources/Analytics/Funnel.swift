/// Sessions through the purchase funnel. A session reaches step k when, inside the range and the
/// filters, it has at least one event mapped to every step 1…k (`event_funnel_steps`), in any order.
public struct Funnel: Sendable, Hashable, Codable {
    public let steps: [FunnelStep]

    public init(steps: [FunnelStep]) {
        self.steps = steps
    }
}

/// One funnel step and the sessions that reached it.
public struct FunnelStep: Sendable, Hashable, Codable {
    /// The step's key in `event_funnel_steps.funnel_step` (`product_view`, `add_to_cart`, ...).
    public let step: String
    /// 1-based position.
    public let order: Int
    public let sessions: Int
    /// `sessions` over the previous step's sessions; `nil` for the first step or when it had none.
    public let fromPrevious: Double?
    /// `sessions` over the first step's sessions; `nil` when it had none.
    public let fromFirst: Double?

    public init(step: String, order: Int, sessions: Int, previousSessions: Int?, firstSessions: Int) {
        self.step = step
        self.order = order
        self.sessions = sessions
        if let previousSessions, previousSessions > 0 {
            fromPrevious = Double(sessions) / Double(previousSessions)
        } else {
            fromPrevious = nil
        }
        fromFirst = firstSessions > 0 ? Double(sessions) / Double(firstSessions) : nil
    }

    private enum CodingKeys: String, CodingKey {
        case step, order, sessions, fromPrevious = "from_previous", fromFirst = "from_first"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encode(order, forKey: .order)
        try container.encode(sessions, forKey: .sessions)
        try container.encode(fromPrevious, forKey: .fromPrevious)
        try container.encode(fromFirst, forKey: .fromFirst)
    }
}
