/// One finished event, everything the SBW ingest payload carries.
struct DemoEvent: Sendable {
    var name: EventName
    var eventID: String
    /// Server receipt time, milliseconds since 1970 (the payload has millisecond precision).
    var receivedAtMillis: Int64
    var pageURL: String
    var referrer: String?
    var userID: String?
    /// "anonymous" / "logged_in"; nil when the frontend sent no login state at all.
    var loginState: String?
    var identitySource: String?
    var clientID: String
    var sessionID: String
    var isFirstVisit: Bool
    var product: CatalogProduct?
    var element: PageElement?
    var sourceIP: String
    var userAgent: String
    var requestID: String
    var traceID: String
}
