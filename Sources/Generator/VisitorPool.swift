/// The browsers that visit the shop over the month: new ones arrive, some come back.
///
/// Visits must be handed out in time order, so that a browser's first visit really is its
/// earliest one (`isFirstVisit`).
struct VisitorPool: Sendable {
    /// Share of visits from browsers seen before in the window.
    var returningShare = 0.32
    /// Share of new browsers already signed in to an account made before the window.
    var knownCustomerShare = 0.12
    /// Chance a visitor with an account is signed in on a visit.
    var signedInRate = 0.85

    private(set) var visitors: [Visitor] = []

    /// A visitor for the next visit, new or returning; `visits` already counts this one.
    mutating func nextVisitor(using random: inout SeededRandom) -> (index: Int, visitor: Visitor) {
        let index: Int
        if !visitors.isEmpty, random.chance(returningShare) {
            // The square favours recent browsers: people come back within days more than weeks.
            let age = random.unit() * random.unit()
            index = visitors.count - 1 - Int(age * Double(visitors.count))
        } else {
            visitors.append(makeVisitor(using: &random))
            index = visitors.count - 1
        }
        visitors[index].visits += 1
        return (index, visitors[index])
    }

    /// Signs the visitor up (or in) at checkout; returns the account.
    mutating func signIn(_ index: Int, using random: inout SeededRandom) -> Visitor.Account {
        if let account = visitors[index].account { return account }
        let account = Self.makeAccount(using: &random)
        visitors[index].account = account
        return account
    }

    private func makeVisitor(using random: inout SeededRandom) -> Visitor {
        Visitor(
            clientID: random.uuidString(),
            userAgent: UserAgents.pick(using: &random),
            sourceIP: ClientAddresses.pick(using: &random),
            account: random.chance(knownCustomerShare) ? Self.makeAccount(using: &random) : nil)
    }

    private static func makeAccount(using random: inout SeededRandom) -> Visitor.Account {
        let draw = random.unit()
        let source = draw < 0.58 ? "clerk_google" : draw < 0.92 ? "clerk_email" : "clerk_facebook"
        return Visitor.Account(userID: "user_" + HexFormat.base62(count: 10, using: &random), identitySource: source)
    }
}
