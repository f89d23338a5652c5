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
    private var consumed: Set<String> = []
    /// Dotted path of this object inside the record, for reject details ("product.").
    let path: String

    init(members: [JSONMember], path: String = "") {
        self.members = members
        self.path = path
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func value(_ key: String) -> JSONValue? { members.last { $0.key == key }?.value }

    /// True when at least one key was taken into a column.
    var hasConsumed: Bool { !consumed.isEmpty }

    /// The members not taken into columns, in source order.
    var remainder: [JSONMember] { members.filter { !consumed.contains($0.key) } }

    mutating func consume(_ key: String) { consumed.insert(key) }

    /// The first of `keys` that holds a non-null value; keys holding null are consumed along the way.
    private mutating func take(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys {
            guard let value = value(key) else { continue }
            consumed.insert(key)
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

    /// A decimal from a JSON number or a numeric string ("1990000", "694.83"); "" is null.
    mutating func decimal(_ keys: String...) throws(RecordRejection) -> Decimal? {
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
        guard let decimal = Self.decimal(fromLiteral: literal) else {
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
            consumed.insert(key)
            return nil
        case .object(let members):
            consumed.insert(key)
            return FieldReader(members: members, path: "\(path)\(key).")
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
        consumed.remove(key)
        members = members.map { member in
            member.key == key && member.value.objectMembers != nil ? JSONMember(key: key, value: .object(rest)) : member
        }
    }

    /// JSON-number grammar (optionally signed, with fraction and exponent), then `Decimal`.
    static func decimal(fromLiteral literal: String) -> Decimal? {
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: UInt8 = 0
        for byte in literal.utf8 {
            switch byte {
            case 0x30...0x39: sawDigit = true
            case UInt8(ascii: "."): guard !sawDot, !sawExponent, sawDigit else { return nil }; sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): guard !sawExponent, sawDigit else { return nil }; sawExponent = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard previous == 0 || previous | 0x20 == UInt8(ascii: "e") else { return nil }
            default: return nil
            }
            previous = byte
        }
        guard sawDigit, previous >= 0x30, previous <= 0x39, literal.utf8.count <= 40 else { return nil }
        guard let decimal = Decimal(string: literal, locale: posix), !decimal.isNaN else { return nil }
        return decimal
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(60)) + (text.count > 60 ? "…\"" : "\"")
    }
}
