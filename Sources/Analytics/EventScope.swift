/// Which raw events the events list shows: product events (with a product id) by default, as the original
/// dashboard did, or every event (`scope=all`), for looking at what the site sends.
public enum EventScope: String, Sendable, CaseIterable {
    case product
    case all

    /// The `scope` query parameter; absent or empty is `product`.
    public init(queryValue: String?) throws(FilterError) {
        guard let queryValue, !queryValue.isEmpty else { self = .product; return }
        guard let scope = EventScope(rawValue: queryValue) else {
            throw FilterError(parameter: "scope", message: "scope must be product or all, got \(queryValue)")
        }
        self = scope
    }

    /// The parameter as a link carries it: nothing for the default.
    public var queryValue: String? { self == .product ? nil : rawValue }
}
