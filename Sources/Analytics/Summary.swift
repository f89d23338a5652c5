import Money

/// The KPI row: each number for the range and for the previous period of equal length. Not `Codable`:
/// revenue is an exact decimal of any length, which the API writes as a JSON number itself.
public struct Summary: Sendable, Hashable {
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
    /// Sum of `order_total` over `checkout_complete` events, exact.
    public let revenue: AmountKPI

    public init(events: KPI, uniqueClients: KPI, loggedInUsers: KPI, sessions: KPI, eventsPerSession: KPI,
                newClients: KPI, checkoutRate: KPI, conversion: KPI, checkouts: KPI, addToCarts: KPI, revenue: AmountKPI) {
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

}
