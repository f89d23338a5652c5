import Enrichment
import Foundation
import Money
import Postgres

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
    public var productPrice: CheckedAmount?
    public var productDiscountPrice: CheckedAmount?
    public var productURLPath: String?
    public var pageURL: String?
    public var referrer: String?
    public var deviceType: String?
    public var userAgent: String?
    public var country: String?
    public var region: String?
    public var city: String?
    public var orderID: String?
    public var orderTotal: CheckedAmount?
    /// Everything the columns do not hold, as compact JSON text (the `properties` jsonb column).
    public var properties: String
    public var dialect: Dialect
    public var sourceKey: String
    public var sourcePosition: Int
    /// The payload had no valid uuid, so the id was derived from where the record lies. The original ETL drew
    /// a random id for such events: only their content can match its rows (`EventLoader.legacyDuplicates`).
    public var hasDerivedID = false
    /// Payload fields no dialect knows (they are in `properties` too); tallied per object, not stored per event.
    public var unknownFields: [UnknownField] = []
    /// The client's IP address as sent, for geography only: no column holds it, and `properties` no longer does.
    public var sourceIP: String?
    /// The columns derived from the fields above (`CanonicalEvent+Enrichment`); nil when enrichment is off.
    public var derived: DerivedFields?

    public init(eventID: UUID, eventTimestamp: EventTimestamp, eventName: String, dialect: Dialect, sourceKey: String, sourcePosition: Int) {
        self.eventID = eventID
        self.eventTimestamp = eventTimestamp
        self.eventName = eventName
        self.properties = "{}"
        self.dialect = dialect
        self.sourceKey = sourceKey
        self.sourcePosition = sourcePosition
    }

    /// Column names in the order `writeCopyRow` writes them, for `COPY … (columns) FROM STDIN`.
    public static let columnNames = [
        "event_id", "event_timestamp", "event_name", "user_id", "user_login_state", "identity_source", "client_id",
        "session_id", "is_first_visit", "context_product_id", "context_product_name", "context_product_category",
        "context_product_brand", "context_product_price", "context_product_discount_price", "context_product_url_path",
        "page_url", "referrer", "device_type", "user_agent", "country", "region", "city", "order_id", "order_total",
        "properties", "dialect", "source_key", "source_position",
    ] + derivedColumnNames

    /// The row in binary COPY format, in `columnNames` order then `load_xact`: no text to build or escape per
    /// field, and the server parses no uuid, timestamp or number (this was a fifth of the load's client time).
    func writeCopyRow(into writer: inout PostgresCopyWriter, loadTransaction: Int64) {
        writer.beginRow(fieldCount: Self.columnNames.count + 1)
        writer.writeUUID(eventID.uuid)
        writer.writeTimestamp(microsecondsSince1970: eventTimestamp.microseconds)
        writer.write(eventName)
        writer.write(userID)
        writer.write(userLoginState)
        writer.write(identitySource)
        writer.write(clientID)
        writer.write(sessionID)
        writer.writeBool(isFirstVisit)
        writer.write(productID)
        writer.write(productName)
        writer.write(productCategory)
        writer.write(productBrand)
        writer.writeNumeric(productPrice?.text)
        writer.writeNumeric(productDiscountPrice?.text)
        writer.write(productURLPath)
        writer.write(pageURL)
        writer.write(referrer)
        writer.write(deviceType)
        writer.write(userAgent)
        writer.write(country)
        writer.write(region)
        writer.write(city)
        writer.write(orderID)
        writer.writeNumeric(orderTotal?.text)
        writer.writeJSONB(properties)
        writer.write(dialect.rawValue)
        writer.write(sourceKey)
        writer.writeInt32(Int32(clamping: sourcePosition))
        writeDerivedColumns(into: &writer)
        writer.writeInt64(loadTransaction)
        writer.endRow()
    }
}
