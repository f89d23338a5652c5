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
/// check costs a few set lookups per event. `element` and `element.dataset` are free-form DOM data.
enum SchemaDrift {
    static func unknownFields(in remainder: [JSONMember], dialect: Dialect) -> [UnknownField] {
        var found: [UnknownField] = []
        let known = topLevel(dialect)
        for member in remainder {
            guard known.contains(member.key) else {
                found.append(UnknownField(name: member.key, example: JSONWriter.excerpt(of: member.value)))
                continue
            }
            guard let children = nested(dialect, member.key), let members = member.value.objectMembers else { continue }
            for child in members where !children.contains(child.key) {
                found.append(UnknownField(name: member.key + "." + child.key, example: JSONWriter.excerpt(of: child.value)))
            }
        }
        return found
    }

    private static func topLevel(_ dialect: Dialect) -> Set<String> {
        switch dialect {
        case .sbw: sbwTopLevel
        case .kinesis: kinesisTopLevel
        case .caseStudy: caseStudyTopLevel
        }
    }

    /// Objects whose members are checked too; nil for free-form ones.
    private static func nested(_ dialect: Dialect, _ key: String) -> Set<String>? {
        switch (dialect, key) {
        case (_, "_ingest"): ingest
        case (.sbw, "product"): sbwProduct
        case (.sbw, "context_product"): sbwContextProduct
        case (.kinesis, "additional_data"): kinesisAdditionalData
        case (.caseStudy, "metadata"): caseStudyMetadata
        default: nil
        }
    }

    static let ingest: Set<String> = [
        "receivedAt", "received_at", "sourceIp", "source_ip", "userAgent", "user_agent", "method", "path",
        "requestId", "request_id", "apiId", "api_id", "stage", "traceId", "trace_id",
    ]
    static let sbwProduct: Set<String> = ["id", "name", "category", "brand", "price", "discountPrice", "urlPath"]
    static let sbwContextProduct: Set<String> = [
        "product_id", "product_name", "product_category", "product_brand", "product_price", "product_discount_price",
        "product_url_path",
    ]
    static let sbwTopLevel: Set<String> = [
        "eventName", "event_name", "eventId", "event_id", "pageUrl", "page_url", "referrer", "referrer_url", "userId",
        "user_id", "userLoginState", "user_login_state", "identitySource", "identity_source", "clientId", "client_id",
        "sessionId", "session_id", "isFirstVisit", "is_first_visit", "deviceType", "device_type", "userAgent",
        "user_agent", "orderId", "order_id", "orderTotal", "order_total", "product", "context_product",
        "context_product_id", "context_product_name", "context_product_category", "context_product_brand",
        "context_product_price", "context_product_discount_price", "context_product_url_path", "element", "_ingest",
        "eventTimestamp", "event_timestamp", "timestamp",
    ]
    static let kinesisTopLevel: Set<String> = [
        "timestamp", "event_timestamp", "user_id", "pixel_id", "click_id", "event_id", "eventId", "insertion_timestamp",
        "event_name", "eventName", "user_ip", "additional_data", "name", "country", "region", "city", "session_id",
        "page_url", "referrer", "referrer_url", "user_agent", "_ingest",
    ]
    static let kinesisAdditionalData: Set<String> = [
        "product_id", "product_name", "category", "product_category", "brand", "product_brand", "price", "order_id",
        "order_total", "time_on_data", "percent_viewed",
    ]
    static let caseStudyTopLevel: Set<String> = [
        "user_id", "session_id", "client_id", "event_type", "event_timestamp", "timestamp", "device_type", "page_url",
        "referrer_url", "referrer", "user_agent", "event_id", "eventId", "metadata", "_ingest",
    ]
    static let caseStudyMetadata: Set<String> = [
        "product_id", "product_name", "name", "category", "brand", "price", "discount_price", "order_id", "order_total",
    ]
}
