import Foundation

/// Reads typed fields from one JSON object and remembers which keys became columns,
/// so everything else can go to `properties` untouched.
///
/// When a key appears twice, the last occurrence wins (as in JavaScript and jsonb).
struct FieldReader {
    /// Default limit for text columns, in characters.
    static let defaultTextLimit = 2048
    /// URLs and user agents are legitimately longer.
    static let longTextLimit = 8192

    private(set) var members: [JSONMember]
    /// Which members became columns, by index: a bit mask, not a `Set<String>`, because a set per object
    /// per event was a large share of decoding time.
    private var consumed = MemberMask()
    /// Where this object sits in the record, kept in parts and joined only for a reject detail.
    private let parentPath: String
    private let ownKey: String

    init(members: [JSONMember], parentPath: String = "", key: String = "") {
        self.members = members
        self.parentPath = parentPath
        self.ownKey = key
    }

    /// Dotted path of this object inside the record, for reject details ("product.").
    var path: String { ownKey.isEmpty ? parentPath : parentPath + ownKey + "." }

    func has(_ key: String) -> Bool { members.contains { Self.same($0.key, key) } }

    func value(_ key: String) -> JSONValue? { members.last { Self.same($0.key, key) }?.value }

    /// Key equality with the length compared first: nearly every comparison is between different keys, and
    /// most differ in length, which String's own `==` does not check before its slower path.
    @inline(__always)
    static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs == rhs
    }

    /// True when at least one key was taken into a column.
    var hasConsumed: Bool { !consumed.isEmpty }

    /// The members not taken into columns, in source order.
    var remainder: [JSONMember] {
        if consumed.isEmpty { return members }
        var rest: [JSONMember] = []
        rest.reserveCapacity(members.count)
        for index in members.indices where !consumed.contains(index) { rest.append(members[index]) }
        return rest
    }

    /// Marks every member named `key` (a repeated key is consumed whole) and returns the last one's value.
    @discardableResult
    mutating func consume(_ key: String) -> JSONValue? {
        var found: JSONValue?
        for index in members.indices where Self.same(members[index].key, key) {
            consumed.insert(index)
            found = members[index].value
        }
        return found
    }

    mutating func unconsume(_ key: String) {
        for index in members.indices where Self.same(members[index].key, key) { consumed.remove(index) }
    }

    /// The first of `keys` that holds a non-null value; keys holding null are consumed along the way.
    private mutating func take(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys {
            guard let value = consume(key) else { continue }
            if value != .null { return (key, value) }
        }
        return nil
    }

    /// Text from a string, or the literal of a number or boolean ("user_id": 20 → "20").
    mutating func text(_ keys: String..., limit: Int = defaultTextLimit) throws(RecordRejection) -> String? {
        guard let (key, value) = take(keys) else { return nil }
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let literal): text = literal
        case .bool(let flag): text = flag ? "true" : "false"
        default: throw RecordRejection(.badType, "\(path)\(key): expected text, got \(value.typeName)")
        }
        if text.utf8.count > limit, text.count > limit {
            throw RecordRejection(.fieldTooLong, "\(path)\(key): \(text.count) characters, limit \(limit)")
        }
        return text
    }

    /// A number from a JSON number or a numeric string ("1990000", "694.83"), kept as exact text; "" is null.
    mutating func decimal(_ keys: String...) throws(RecordRejection) -> NumericText? {
        guard let (key, value) = take(keys) else { return nil }
        let literal: String
        switch value {
        case .number(let text): literal = text
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            literal = trimmed
        default: throw RecordRejection(.badNumber, "\(path)\(key): expected a number, got \(value.typeName)")
        }
        guard let decimal = NumericText(literal) else {
            throw RecordRejection(.badNumber, "\(path)\(key): \(Self.quoted(literal)) is not a number")
        }
        return decimal
    }

    /// A boolean from true/false, "true"/"false" (any case), 1/0 or "1"/"0"; "" is null.
    mutating func bool(_ keys: String...) throws(RecordRejection) -> Bool? {
        guard let (key, value) = take(keys) else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .number("1"), .string("1"): return true
        case .number("0"), .string("0"): return false
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            case "": return nil
            default: break
            }
        default: break
        }
        throw RecordRejection(.badType, "\(path)\(key): expected a boolean, got \(Self.quoted(JSONWriter.excerpt(of: value)))")
    }

    /// A nested object as its own reader (consumed here; the caller decides what of it goes to properties).
    mutating func object(_ key: String) throws(RecordRejection) -> FieldReader? {
        guard let value = value(key) else { return nil }
        switch value {
        case .null:
            consume(key)
            return nil
        case .object(let members):
            consume(key)
            return FieldReader(members: members, parentPath: path, key: key)
        default:
            throw RecordRejection(.badType, "\(path)\(key): expected an object, got \(value.typeName)")
        }
    }

    /// Puts what is left of a nested object back under its key, so properties keep the original nesting:
    /// all of it if nothing was read from it, the unread members if some were, nothing if all were.
    /// Only an object member is replaced (a reader made up for an absent key changes nothing).
    mutating func restore(_ key: String, from nested: FieldReader) {
        let rest = nested.remainder
        if nested.hasConsumed && rest.isEmpty { return }
        unconsume(key)
        for index in members.indices where Self.same(members[index].key, key) {
            if case .object = members[index].value { members[index].value = .object(rest) }
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(60)) + (text.count > 60 ? "…\"" : "\"")
    }
}
