/// The KPI row: each number for the range and for the previous period of equal length.
public struct Summary: Sendable, Hashable, Codable {
    public let events: KPI
    public let uniqueClients: KPI
    /// Distinct `user_id` among events whose login state is `logged_in`.
    public let loggedInUsers: KPI
    public let sessions: KPI
    /// `checkout_complete` events over `add_to_cart_click` events, as a fraction.
    public let checkoutRate: KPI
    public let checkouts: KPI
    public let addToCarts: KPI
    /// Sum of `order_total` over `checkout_complete` events.
    public let revenue: KPI

    public init(events: KPI, uniqueClients: KPI, loggedInUsers: KPI, sessions: KPI,
                checkoutRate: KPI, checkouts: KPI, addToCarts: KPI, revenue: KPI) {
        self.events = events
        self.uniqueClients = uniqueClients
        self.loggedInUsers = loggedInUsers
        self.sessions = sessions
        self.checkoutRate = checkoutRate
        self.checkouts = checkouts
        self.addToCarts = addToCarts
        self.revenue = revenue
    }

    private enum CodingKeys: String, CodingKey {
        case events, uniqueClients = "unique_clients", loggedInUsers = "logged_in_users", sessions
        case checkoutRate = "checkout_rate", checkouts, addToCarts = "add_to_carts", revenue
    }
}
