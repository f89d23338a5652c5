import PercentEncoding

/// The decoded query string of a request target (`a=1&b=x+y` → `[("a","1"),("b","x y")]`).
public struct HTTPQuery: Sendable {
    /// Every name/value pair in order; names and values are percent- and `+`-decoded.
    public let items: [(name: String, value: String)]

    public init(items: [(name: String, value: String)] = []) {
        self.items = items
    }

    /// Parses a raw query (without the `?`). Pairs that do not decode to valid UTF-8 are kept raw.
    public init(parsing query: Substring) {
        var items: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            items.append((name: name, value: value))
        }
        self.items = items
    }

    /// The first value for `name`.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func values(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    private static func decode(_ raw: Substring) -> String {
        PercentDecoding.decode(raw, plusAsSpace: true) ?? String(raw)
    }
}
