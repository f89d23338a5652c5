/// A parsed JSON value as a tree (`JSONParser.parse`), keeping key order and the literal text of numbers.
///
/// The loader reads records from a `JSONTape` instead; this is the convenient form for tests and tools.
/// Numbers stay as their source text so prices keep every decimal (no trip through `Double`).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, already validated against the JSON grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The members when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// One `"key": value` pair of a JSON object, in source order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
