/// The KPI row: each number for the range and for the previous period of equal length.
public struct Summary: Sendable, Hashable, Codable {
    public let events: KPI
    public let uniqueClients: KPI
    /// Distinct `user_id` among events whose login state is `logged_in`.
    public let loggedInUsers: KPI
    public let sessions: KPI
    /// `events / sessions`.
    public let eventsPerSession: KPI
    /// Clients whose first event ever (in the whole warehouse) falls inside the period.
    public let newClients: KPI
    /// `checkout_complete` events over `add_to_cart_click` events, as a fraction.
    public let checkoutRate: KPI
    /// Sessions that reached the funnel's last step over all sessions, as a fraction.
    public let conversion: KPI
    public let checkouts: KPI
    public let addToCarts: KPI
    /// Sum of `order_total` over `checkout_complete` events.
    public let revenue: KPI

    public init(events: KPI, uniqueClients: KPI, loggedInUsers: KPI, sessions: KPI, eventsPerSession: KPI,
                newClients: KPI, checkoutRate: KPI, conversion: KPI, checkouts: KPI, addToCarts: KPI, revenue: KPI) {
        self.events = events
        self.uniqueClients = uniqueClients
        self.loggedInUsers = loggedInUsers
        self.sessions = sessions
        self.eventsPerSession = eventsPerSession
        self.newClients = newClients
        self.checkoutRate = checkoutRate
        self.conversion = conversion
        self.checkouts = checkouts
        self.addToCarts = addToCarts
        self.revenue = revenue
    }

    private enum CodingKeys: String, CodingKey {
        case events, uniqueClients = "unique_clients", loggedInUsers = "logged_in_users", sessions
        case eventsPerSession = "events_per_session", newClients = "new_clients"
        case checkoutRate = "checkout_rate", conversion, checkouts, addToCarts = "add_to_carts", revenue
    }
}
