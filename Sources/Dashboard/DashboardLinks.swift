import Analytics

/// Every URL the dashboard prints, built from filters with each value percent-encoded.
struct DashboardLinks: Sendable {
    static let pagePath = "/sbw_dashboard"
    static let apiPath = "/sbw_dashboard/api/v1/"
    static let openAPIPath = "/sbw_dashboard/api/v1/openapi.json"
    static let staticPath = "/sbw_dashboard/static/"

    var stylesheet: String { Self.staticPath + "dashboard.css" }
    var favicon: String { Self.staticPath + "favicon.svg" }

    /// The page for `filters`, with `changes` applied (a nil value removes the parameter).
    func page(_ filters: Filters, changing changes: [String: String?] = [:], cursor: String? = nil) -> String {
        var items = filters.queryItems.filter { changes[$0.name] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { items.append((name, value)) }
        }
        if let cursor { items.append(("cursor", cursor)) }
        return Self.pagePath + Self.query(items)
    }

    /// The JSON (or CSV) for `metric` under the same filters.
    func api(_ metric: APIMetric, _ filters: Filters, cursor: String? = nil, format: APIFormat = .json,
             scope: EventScope = .product) -> String {
        var items = filters.queryItems
        if let scope = scope.queryValue { items.append(("scope", scope)) }
        if let cursor { items.append(("cursor", cursor)) }
        if format != .json { items.append(("format", format.rawValue)) }
        return Self.apiPath + metric.rawValue + Self.query(items)
    }

    static func query(_ items: [(name: String, value: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
