/// Turns planned visits, in time order, into finished events: picks the visitor, the login
/// state, the ids, and numbers the orders.
struct SessionAssembler: Sendable {
    /// Visits where the frontend could not tell the login state and sent none.
    var missingLoginStateRate = 0.015
    /// Anonymous visitors who sign in (or up) when they start checkout; the rest check out as guests.
    var signInAtCheckoutRate = 0.75
    /// The first order number of the window (the shop has taken orders before).
    var firstOrderNumber = 100_001

    let simulator: SessionSimulator
    private var visitors = VisitorPool()
    private var random: SeededRandom
    private var orders = 0

    init(simulator: SessionSimulator, random: SeededRandom) {
        self.simulator = simulator
        self.random = random
    }

    mutating func assemble(_ plan: SessionPlan) -> [DemoEvent] {
        var visitRandom = SeededRandom(seed: plan.seed)
        let steps = simulator.simulate(using: &visitRandom).prefix(plan.eventCount)
        let (visitorIndex, visitor) = visitors.nextVisitor(using: &random)
        let sessionID = random.uuidString()
        var account: Visitor.Account?
        var loginState: String?
        if random.chance(missingLoginStateRate) {
            loginState = nil
        } else if let known = visitor.account, random.chance(visitors.signedInRate) {
            (account, loginState) = (known, "logged_in")
        } else {
            loginState = "anonymous"
        }
        return steps.map { step in
            if step.name == .checkoutStart, loginState == "anonymous", random.chance(signInAtCheckoutRate) {
                (account, loginState) = (visitors.signIn(visitorIndex, using: &random), "logged_in")
            }
            var event = DemoEvent(
                name: step.name, eventID: random.uuidString(), receivedAtMillis: plan.startMillis + step.offsetMillis,
                pageURL: SessionSimulator.shopOrigin + step.page, referrer: step.referrer,
                userID: account?.userID, loginState: loginState, identitySource: account?.identitySource,
                clientID: visitor.clientID, sessionID: sessionID, isFirstVisit: visitor.visits == 1,
                product: step.product, element: step.element, sourceIP: visitor.sourceIP, userAgent: visitor.userAgent,
                requestID: HexFormat.requestID(count: 15, using: &random), traceID: "")
            event.traceID = "Root=1-" + HexFormat.hex(UInt64(event.receivedAtMillis / 1000), digits: 8)
                + "-" + HexFormat.hex(random.next(), digits: 16) + HexFormat.hex(random.next(), digits: 8)
            if step.name == .checkoutComplete {
                completeOrder(&event, total: step.orderTotal ?? 0)
            }
            return event
        }
    }

    /// The payment provider sends the buyer back to `/success`; the page reports the order.
    private mutating func completeOrder(_ event: inout DemoEvent, total: Int) {
        let number = firstOrderNumber + orders
        orders += 1
        event.pageURL += "?session_id=cs_live_" + HexFormat.base62(count: 24, using: &random)
        event.element = PageElement(tag: nil, dataset: [
            .init(name: "orderId", value: "ord_" + HexFormat.base62(count: 10, using: &random)),
            .init(name: "orderNumber", value: "SBW-\(number)"),
            .init(name: "total", value: String(total)),
        ])
    }
}
