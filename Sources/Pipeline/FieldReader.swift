import Foundation
import JSON
import Money

/// Reads typed fields from one JSON object on a tape and remembers which keys became columns,
/// so everything else can go to `properties` untouched.
///
/// When a key appears twice, the last occurrence wins (as in JavaScript and jsonb).
struct FieldReader {
    /// Default limit for text columns, in characters.
    static let defaultTextLimit = 2048
    /// URLs and user agents are legitimately longer.
    static let longTextLimit = 8192

    let tape: JSONTape
    /// The object's members' key tokens and fingerprints, in source order (none for an absent object).
    private let keys: [MemberKey]
    /// Which members became columns, by ordinal: a bit mask, not a `Set<String>`, because a set per object
    /// per event was a large share of decoding time.
    private var consumed = MemberMask()
    /// Nested objects read in part: their unread members replace them in `properties`.
    private var restored: [(key: FieldKey, reader: FieldReader)] = []
    /// Members whose value `properties` gets instead of the sent one (JSON text), by ordinal.
    private var replacements: [(ordinal: Int, json: [UInt8])] = []
    /// Where this object sits in the record, kept in parts and joined only for a reject detail.
    private let parentPath: String
    private let ownKey: String

    /// One member's key: its token on the tape (the value follows it) and its fingerprint.
    struct MemberKey {
        var token: Int
        var fingerprint: KeyFingerprint
        var value: Int { token + 1 }
    }

    init(tape: JSONTape, object: Int?, parentPath: String = "", key: String = "") {
        self.tape = tape
        var keys: [MemberKey] = []
        if let object {
            keys.reserveCapacity(16)
            var member = tape.firstMember(of: object)
            while member < tape.end(of: object) {
                keys.append(MemberKey(token: member, fingerprint: tape.fingerprint(member)))
                member = tape.member(after: member)
            }
        }
        self.keys = keys
        self.parentPath = parentPath
        self.ownKey = key
    }

    /// A reader of the record at `root`.
    init(_ record: FramedRecord) {
        self.init(tape: record.tape, object: record.root)
    }

    /// Dotted path of this object inside the record, for reject details ("product.").
    var path: String { ownKey.isEmpty ? parentPath : parentPath + ownKey + "." }

    /// True when the member at `ordinal` is named `key`: fingerprints first, bytes only when they match.
    @inline(__always)
    private func isNamed(_ ordinal: Int, _ key: FieldKey) -> Bool {
        keys[ordinal].fingerprint == key.fingerprint && (key.fingerprint.isWholeKey || tape.matches(keys[ordinal].token, key))
    }

    /// The value token of the last member named `key`.
    func value(_ key: FieldKey) -> Int? {
        for ordinal in keys.indices.reversed() where isNamed(ordinal, key) { return keys[ordinal].value }
        return nil
    }

    /// True when at least one key was taken into a column.
    var hasConsumed: Bool { !consumed.isEmpty }

    /// True when every member was taken into a column (or there are none).
    private var isFullyConsumed: Bool { keys.indices.allSatisfy { consumed.contains($0) } }

    /// Marks every member named `key` (a repeated key is consumed whole) and returns the last one's value token.
    @discardableResult
    mutating func consume(_ key: FieldKey) -> Int? {
        var found: Int?
        for ordinal in keys.indices where isNamed(ordinal, key) {
            consumed.insert(ordinal)
            found = keys[ordinal].value
        }
        return found
    }

    /// Keeps the last member named `key` in `properties`, with `text` as its value instead of the one sent (a
    /// truncated address); other members of that name stay consumed.
    mutating func replace(_ key: FieldKey, withText text: String) {
        guard let ordinal = keys.indices.last(where: { isNamed($0, key) }) else { return }
        consumed.remove(ordinal)
        var json: [UInt8] = []
        JSONString.append(text, to: &json)
        replacements.removeAll { $0.ordinal == ordinal }
        replacements.append((ordinal, json))
    }

    private mutating func unconsume(_ key: FieldKey) {
        for ordinal in keys.indices where isNamed(ordinal, key) { consumed.remove(ordinal) }
    }

    /// The first of `keys` that holds a non-null value; keys holding null are consumed along the way.
    private mutating func take(_ keys: [FieldKey]) -> (key: FieldKey, value: Int)? {
        for key in keys {
            guard let value = consume(key) else { continue }
            if tape.kind(value) != .null { return (key, value) }
        }
        return nil
    }

    /// Text from a string, or the literal of a number or boolean ("user_id": 20 → "20").
    mutating func text(_ keys: FieldKey..., limit: Int = defaultTextLimit) throws(RecordRejection) -> String? {
        guard let (key, value) = take(keys) else { return nil }
        let text: String
        switch tape.kind(value) {
        case .string, .number: text = tape.text(value)
        case .true: text = "true"
        case .false: text = "false"
        default: throw RecordRejection(.badType, "\(path)\(key): expected text, got \(tape.typeName(value))")
        }
        if text.utf8.count > limit, text.count > limit {
            throw RecordRejection(.fieldTooLong, "\(path)\(key): \(text.count) characters, limit \(limit)")
        }
        return text
    }

    /// An amount (price, total) from a JSON number or a numeric string ("1990000", "694.83"), checked
    /// against `AmountRule` and kept exact; "" is null.
    mutating func amount(_ keys: FieldKey...) throws(RecordRejection) -> CheckedAmount? {
        guard let (key, value) = take(keys) else { return nil }
        let literal: String
        switch tape.kind(value) {
        case .number: literal = tape.text(value)
        case .string:
            let trimmed = tape.text(value).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            literal = trimmed
        default: throw RecordRejection(.badNumber, "\(path)\(key): expected a number, got \(tape.typeName(value))")
        }
        do throws(AmountRule.Violation) {
            return try AmountRule.check(literal)
        } catch .notANumber {
            throw RecordRejection(.badNumber, "\(path)\(key): \(Self.quoted(literal)) is not a number")
        } catch {
            throw RecordRejection(.badNumber, "\(path)\(key): \(Self.quoted(literal)) \(error) (rule: \(AmountRule.summary))")
        }
    }

    /// A boolean from true/false, "true"/"false" (any case), 1/0 or "1"/"0"; "" is null.
    mutating func bool(_ keys: FieldKey...) throws(RecordRejection) -> Bool? {
        guard let (key, value) = take(keys) else { return nil }
        switch tape.kind(value) {
        case .true: return true
        case .false: return false
        case .number, .string:
            switch tape.text(value).lowercased() {
            case "1": return true
            case "0": return false
            case "true" where tape.kind(value) == .string: return true
            case "false" where tape.kind(value) == .string: return false
            case "" where tape.kind(value) == .string: return nil
            default: break
            }
        default: break
        }
        throw RecordRejection(.badType, "\(path)\(key): expected a boolean, got \(Self.shownAsJSON(tape.excerpt(value)))")
    }

    /// A nested object as its own reader (consumed here; the caller decides what of it goes to properties).
    mutating func object(_ key: FieldKey) throws(RecordRejection) -> FieldReader? {
        guard let value = value(key) else { return nil }
        switch tape.kind(value) {
        case .null:
            consume(key)
            return nil
        case .object:
            consume(key)
            return FieldReader(tape: tape, object: value, parentPath: path, key: key.description)
        default:
            throw RecordRejection(.badType, "\(path)\(key): expected an object, got \(tape.typeName(value))")
        }
    }

    /// A reader with no members, for an object the record does not have.
    func absent() -> FieldReader { FieldReader(tape: tape, object: nil) }

    /// Puts what is left of a nested object back under its key, so properties keep the original nesting:
    /// all of it if nothing was read from it, the unread members if some were, nothing if all were.
    /// Only an object member is replaced (a reader made up for an absent key changes nothing).
    mutating func restore(_ key: FieldKey, from nested: FieldReader) {
        if nested.hasConsumed && nested.isFullyConsumed { return }
        unconsume(key)
        // Unchanged, the tape's value is written as it is; a member or a nested object taken out changes it.
        if nested.hasConsumed || !nested.restored.isEmpty || !nested.replacements.isEmpty { restored.append((key, nested)) }
    }

    /// One member left for `properties`: its key, and the reader of what is left of its value when that is
    /// a nested object read in part.
    struct Remaining {
        var key: MemberKey
        var nested: FieldReader?
    }

    /// The members not taken into columns, in source order.
    var remaining: [Remaining] {
        keys.indices.filter { !consumed.contains($0) }.map { Remaining(key: keys[$0], nested: nested(at: keys[$0])) }
    }

    /// The partly read reader that replaces `member`'s value, if any.
    private func nested(at member: MemberKey) -> FieldReader? {
        guard !restored.isEmpty, tape.kind(member.value) == .object else { return nil }
        return restored.last { tape.matches(member.token, $0.key) }?.reader
    }

    /// The members not taken into columns as a compact JSON object (the `properties` column).
    var properties: String {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        writeRemaining(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the members not taken into columns as a JSON object.
    func writeRemaining(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        var isFirst = true
        for (ordinal, member) in keys.enumerated() where !consumed.contains(ordinal) {
            if !isFirst { output.append(UInt8(ascii: ",")) }
            isFirst = false
            tape.writeString(member.token, to: &output)
            output.append(UInt8(ascii: ":"))
            if let nested = nested(at: member) {
                nested.writeRemaining(to: &output)
            } else if let replacement = replacements.first(where: { $0.ordinal == ordinal }) {
                output += replacement.json
            } else {
                tape.write(member.value, to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// At most `RecordReject.maxExcerptCharacters` characters of what is left of this object.
    var remainingExcerpt: String {
        var output: [UInt8] = []
        writeRemaining(to: &output)
        return RecordReject.excerpt(of: output, in: output.indices)
    }

    static func quoted(_ text: String) -> String {
        "\"" + shortened(text) + "\""
    }

    /// A value as JSON shows it (a string in its quotes, a number bare), cut to 60 characters.
    static func shownAsJSON(_ excerpt: String) -> String {
        shortened(excerpt)
    }

    private static func shortened(_ text: String) -> String {
        String(text.prefix(60)) + (text.count > 60 ? "…" : "")
    }
}
