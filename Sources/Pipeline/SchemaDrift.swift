/// A payload field none of the dialects knows, seen in one event: kept in `properties` as always, and
/// counted per name in `etl_unknown_fields` so schema drift shows up on the pipeline page.
public struct UnknownField: Sendable, Equatable {
    /// Dotted name ("product.color", "experiment").
    public var name: String
    /// At most 200 characters of the value's JSON.
    public var example: String
}

/// Which of the members left for `properties` are expected there, and which are drift.
///
/// Only what the dialect decoders leave over is examined (usually `_ingest` and `element`), so the
/// check costs a few fingerprint comparisons per key. `element` and `element.dataset` are free-form DOM data.
enum SchemaDrift {
    /// The unknown fields among what `reader` leaves for `properties`.
    static func unknownFields(in reader: FieldReader, dialect: Dialect) -> [UnknownField] {
        var found: [UnknownField] = []
        let (tape, known) = (reader.tape, topLevel(dialect))
        for member in reader.remaining {
            guard known.contains(member.key, on: tape) else {
                found.append(UnknownField(name: tape.text(member.key.token), example: excerpt(member, on: tape)))
                continue
            }
            guard let children = nested(dialect, member.key, on: tape), tape.kind(member.key.value) == .object else { continue }
            let rest = member.nested ?? FieldReader(tape: tape, object: member.key.value)
            for child in rest.remaining where !children.contains(child.key, on: tape) {
                found.append(UnknownField(name: tape.text(member.key.token) + "." + tape.text(child.key.token),
                                          example: excerpt(child, on: tape)))
            }
        }
        return found
    }

    private static func excerpt(_ member: FieldReader.Remaining, on tape: JSONTape) -> String {
        member.nested?.remainingExcerpt ?? tape.excerpt(member.key.value)
    }

    private static func topLevel(_ dialect: Dialect) -> KeyList {
        switch dialect {
        case .sbw: sbwTopLevel
        case .kinesis: kinesisTopLevel
        case .caseStudy: caseStudyTopLevel
        }
    }

    /// Objects whose members are checked too; nil for free-form ones.
    private static func nested(_ dialect: Dialect, _ key: FieldReader.MemberKey, on tape: JSONTape) -> KeyList? {
        if tape.matches(key.token, "_ingest") { return ingest }
        switch dialect {
        case .sbw:
            if tape.matches(key.token, "product") { return sbwProduct }
            if tape.matches(key.token, "context_product") { return sbwContextProduct }
        case .kinesis:
            if tape.matches(key.token, "additional_data") { return kinesisAdditionalData }
        case .caseStudy:
            if tape.matches(key.token, "metadata") { return caseStudyMetadata }
        }
        return nil
    }

    static let ingest: KeyList = [
        "receivedAt", "received_at", "sourceIp", "source_ip", "userAgent", "user_agent", "method", "path",
        "requestId", "request_id", "apiId", "api_id", "stage", "traceId", "trace_id",
    ]
    static let sbwProduct: KeyList = ["id", "name", "category", "brand", "price", "discountPrice", "urlPath"]
    static let sbwContextProduct: KeyList = [
        "product_id", "product_name", "product_category", "product_brand", "product_price", "product_discount_price",
        "product_url_path",
    ]
    static let sbwTopLevel: KeyList = [
        "eventName", "event_name", "eventId", "event_id", "pageUrl", "page_url", "referrer", "referrer_url", "userId",
        "user_id", "userLoginState", "user_login_state", "identitySource", "identity_source", "clientId", "client_id",
        "sessionId", "session_id", "isFirstVisit", "is_first_visit", "deviceType", "device_type", "userAgent",
        "user_agent", "orderId", "order_id", "orderTotal", "order_total", "product", "context_product",
        "context_product_id", "context_product_name", "context_product_category", "context_product_brand",
        "context_product_price", "context_product_discount_price", "context_product_url_path", "element", "_ingest",
        "eventTimestamp", "event_timestamp", "timestamp",
    ]
    static let kinesisTopLevel: KeyList = [
        "timestamp", "event_timestamp", "user_id", "pixel_id", "click_id", "event_id", "eventId", "insertion_timestamp",
        "event_name", "eventName", "user_ip", "additional_data", "name", "country", "region", "city", "session_id",
        "page_url", "referrer", "referrer_url", "user_agent", "_ingest",
    ]
    static let kinesisAdditionalData: KeyList = [
        "product_id", "product_name", "category", "product_category", "brand", "product_brand", "price", "order_id",
        "order_total", "time_on_data", "percent_viewed",
    ]
    static let caseStudyTopLevel: KeyList = [
        "user_id", "session_id", "client_id", "event_type", "event_timestamp", "timestamp", "device_type", "page_url",
        "referrer_url", "referrer", "user_agent", "event_id", "eventId", "metadata", "_ingest",
    ]
    static let caseStudyMetadata: KeyList = [
        "product_id", "product_name", "name", "category", "brand", "price", "discount_price", "order_id", "order_total",
    ]
}

/// Known key names, looked up by fingerprint first: the keys checked are on a tape, not Strings.
struct KeyList: ExpressibleByArrayLiteral, Sendable {
    private let names: [FieldKey]

    init(arrayLiteral names: FieldKey...) {
        self.names = names
    }

    func contains(_ key: FieldReader.MemberKey, on tape: JSONTape) -> Bool {
        names.contains { $0.fingerprint == key.fingerprint && tape.matches(key.token, $0) }
    }
}
