import Foundation

/// The payload dialect a record was written in, stored in `clickstream_events.dialect`.
public enum Dialect: String, Sendable, Hashable, CaseIterable {
    case sbw
    case kinesis
    case caseStudy = "case_study"
}

/// One event in warehouse shape: exactly the columns of `clickstream_events` (minus `ingested_at`).
public struct CanonicalEvent: Sendable, Equatable {
    public var eventID: UUID
    public var eventTimestamp: EventTimestamp
    public var eventName: String
    public var userID: String?
    public var userLoginState: String?
    public var identitySource: String?
    public var clientID: String?
    public var sessionID: String?
    public var isFirstVisit: Bool?
    public var productID: String?
    public var productName: String?
    public var productCategory: String?
    public var productBrand: String?
    public var productPrice: NumericText?
    public var productDiscountPrice: NumericText?
    public var productURLPath: String?
    public var pageURL: String?
    public var referrer: String?
    public var deviceType: String?
    public var userAgent: String?
    public var country: String?
    public var region: String?
    public var city: String?
    public var orderID: String?
    public var orderTotal: NumericText?
    /// Everything the columns do not hold, as compact JSON text (the `properties` jsonb column).
    public var properties: String
    public var dialect: Dialect
    public var sourceKey: String
    public var sourcePosition: Int
    /// Payload fields no dialect knows (they are in `properties` too); tallied per object, not stored per event.
    public var unknownFields: [UnknownField] = []

    public init(eventID: UUID, eventTimestamp: EventTimestamp, eventName: String, dialect: Dialect, sourceKey: String, sourcePosition: Int) {
        self.eventID = eventID
        self.eventTimestamp = eventTimestamp
        self.eventName = eventName
        self.properties = "{}"
        self.dialect = dialect
        self.sourceKey = sourceKey
        self.sourcePosition = sourcePosition
    }

    /// Column names in the order of `copyFields`, for `COPY … (columns) FROM STDIN`.
    public static let columnNames = [
        "event_id", "event_timestamp", "event_name", "user_id", "user_login_state", "identity_source", "client_id",
        "session_id", "is_first_visit", "context_product_id", "context_product_name", "context_product_category",
        "context_product_brand", "context_product_price", "context_product_discount_price", "context_product_url_path",
        "page_url", "referrer", "device_type", "user_agent", "country", "region", "city", "order_id", "order_total",
        "properties", "dialect", "source_key", "source_position",
    ]

    /// The row as COPY text-format fields (nil is NULL), in `columnNames` order.
    public var copyFields: [String?] {
        [
            UUIDText.lowercased(eventID), eventTimestamp.description, eventName, userID, userLoginState, identitySource,
            clientID, sessionID, isFirstVisit.map { $0 ? "t" : "f" }, productID, productName, productCategory,
            productBrand, productPrice?.text, productDiscountPrice?.text, productURLPath,
            pageURL, referrer, deviceType, userAgent, country, region, city, orderID, orderTotal?.text,
            properties, dialect.rawValue, sourceKey, String(sourcePosition),
        ]
    }
}
