/// A browser that visits the shop (one `clientId`), with the account it may be signed in to.
struct Visitor: Sendable {
    var clientID: String
    var userAgent: String
    var sourceIP: String
    var account: Account?
    /// Visits so far; the first one sends `isFirstVisit: true`.
    var visits = 0

    /// A shop account (Clerk), as the frontend reports it.
    struct Account: Sendable {
        var userID: String
        var identitySource: String
    }
}
