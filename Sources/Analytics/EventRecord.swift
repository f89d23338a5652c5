/// One raw event as the events table and API show it. Every text field came from a payload:
/// treat it as untrusted when rendering.
public struct EventRecord: Sendable, Hashable, Codable {
    public let eventID: String
    /// The event time, ISO 8601 in UTC with microseconds.
    public let timestamp: String
    /// The event time on the wall clock of the filter's zone (`2025-12-06 12:14:09`).
    public let localTime: String
    public let eventName: String
    public let loginState: String?
    public let userID: String?
    public let clientID: String?
    public let sessionID: String?
    public let productID: String?
    public let productName: String?
    public let category: String?
    public let brand: String?
    /// Decimal text as stored (`1990000`, `19.90`), so no precision is lost on the way.
    public let price: String?
    public let orderTotal: String?
    public let pageURL: String?

    public init(eventID: String, timestamp: String, localTime: String, eventName: String, loginState: String?,
                userID: String?, clientID: String?, sessionID: String?, productID: String?, productName: String?,
                category: String?, brand: String?, price: String?, orderTotal: String?, pageURL: String?) {
        self.eventID = eventID
        self.timestamp = timestamp
        self.localTime = localTime
        self.eventName = eventName
        self.loginState = loginState
        self.userID = userID
        self.clientID = clientID
        self.sessionID = sessionID
        self.productID = productID
        self.productName = productName
        self.category = category
        self.brand = brand
        self.price = price
        self.orderTotal = orderTotal
        self.pageURL = pageURL
    }

    private enum CodingKeys: String, CodingKey {
        case eventID = "event_id", timestamp = "event_timestamp", localTime = "local_time", eventName = "event_name"
        case loginState = "user_login_state", userID = "user_id", clientID = "client_id", sessionID = "session_id"
        case productID = "product_id", productName = "product_name", category = "product_category"
        case brand = "product_brand", price = "product_price", orderTotal = "order_total", pageURL = "page_url"
    }

    /// Every key always present (`null` when empty), so scripts see one stable shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(localTime, forKey: .localTime)
        try container.encode(eventName, forKey: .eventName)
        try container.encode(loginState, forKey: .loginState)
        try container.encode(userID, forKey: .userID)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(productID, forKey: .productID)
        try container.encode(productName, forKey: .productName)
        try container.encode(category, forKey: .category)
        try container.encode(brand, forKey: .brand)
        try container.encode(price, forKey: .price)
        try container.encode(orderTotal, forKey: .orderTotal)
        try container.encode(pageURL, forKey: .pageURL)
    }
}
