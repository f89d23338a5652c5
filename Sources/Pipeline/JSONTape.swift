/// One JSON value on a tape: its kind, where its text lies, and where the next value starts.
///
/// Offsets are 32-bit (objects are at most 512 MiB decompressed) so a token is 16 bytes.
struct JSONToken: Sendable {
    enum Kind: UInt8, Sendable {
        case null, `true`, `false`, number, string, array, object
    }

    var kind: Kind
    /// A string with escapes: its decoded text lies in the tape's `unescaped` buffer, not in the source.
    var isUnescaped: Bool
    private var startOffset: Int32
    private var endOffset: Int32
    private var nextIndex: Int32

    init(kind: Kind, start: Int, end: Int, next: Int, isUnescaped: Bool = false) {
        self.kind = kind
        self.isUnescaped = isUnescaped
        startOffset = Int32(truncatingIfNeeded: start)
        endOffset = Int32(truncatingIfNeeded: end)
        nextIndex = Int32(truncatingIfNeeded: next)
    }

    /// A string's first content byte (after the quote); any other value's first byte.
    var start: Int { Int(startOffset) }
    /// A string's closing quote (or the end of its decoded text); one past any other value's last byte.
    var end: Int {
        get { Int(endOffset) }
        set { endOffset = Int32(truncatingIfNeeded: newValue) }
    }
    /// The token after this value and everything inside it.
    var next: Int {
        get { Int(nextIndex) }
        set { nextIndex = Int32(truncatingIfNeeded: newValue) }
    }
}

/// A parsed JSON text as a flat list of tokens pointing into its bytes: no String, array or enum box per value.
///
/// The loader reads a dozen fields of each event and copies the rest to `properties`; on a tape, a field
/// becomes a String only when a column takes it, and what goes to `properties` is copied as bytes
/// (strings without escapes are already valid compact JSON). Building and freeing a tree of values was
/// most of the cost of decoding an event. An object's members follow its token as key, value pairs.
struct JSONTape: Sendable {
    /// The source the tokens point into (shared, not copied: a whole NDJSON object's bytes).
    let bytes: [UInt8]
    /// Decoded text of strings that had escapes, which their tokens point into instead.
    let unescaped: [UInt8]
    let tokens: [JSONToken]

    init(bytes: [UInt8], unescaped: [UInt8], tokens: [JSONToken]) {
        self.bytes = bytes
        self.unescaped = unescaped
        self.tokens = tokens
    }

    /// The first value of the text.
    static let root = 0

    func kind(_ token: Int) -> JSONToken.Kind { tokens[token].kind }

    /// The key token of an object's first member; equal to `end(of:)` when it has none.
    func firstMember(of object: Int) -> Int { object + 1 }
    /// The key token of the member after the one whose key is `key`.
    func member(after key: Int) -> Int { tokens[key + 1].next }
    /// The first token of an array's first element.
    func firstElement(of array: Int) -> Int { array + 1 }
    /// Where a container's members or elements stop.
    func end(of container: Int) -> Int { tokens[container].next }

    /// A string's text (escapes resolved) or a number's literal, as bytes.
    func utf8(_ token: Int) -> ArraySlice<UInt8> {
        let item = tokens[token]
        return item.isUnescaped ? unescaped[item.start..<item.end] : bytes[item.start..<item.end]
    }

    /// A string's text or a number's literal.
    func text(_ token: Int) -> String { String(decoding: utf8(token), as: UTF8.self) }

    /// The number of bytes of a string's text or a number's literal.
    func length(_ token: Int) -> Int { tokens[token].end - tokens[token].start }

    /// The key fingerprint of the string at `token`.
    func fingerprint(_ token: Int) -> KeyFingerprint { KeyFingerprint(utf8(token)) }

    /// True when the string at `token` is exactly `key`; lengths are compared first, as most keys differ.
    func matches(_ token: Int, _ key: FieldKey) -> Bool {
        length(token) == key.length && key.withUTF8 { utf8(token).elementsEqual($0) }
    }

    /// A short name of the JSON type, for reject details ("expected text, got object").
    func typeName(_ token: Int) -> String {
        switch kind(token) {
        case .null: "null"
        case .true, .false: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value at `token` as a tree, for callers that want one (tests, the public `JSONParser.parse`).
    func value(_ token: Int) -> JSONValue {
        switch kind(token) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(text(token))
        case .string: return .string(text(token))
        case .array:
            var elements: [JSONValue] = []
            var element = firstElement(of: token)
            while element < end(of: token) {
                elements.append(value(element))
                element = tokens[element].next
            }
            return .array(elements)
        case .object:
            var members: [JSONMember] = []
            var key = firstMember(of: token)
            while key < end(of: token) {
                members.append(JSONMember(key: text(key), value: value(key + 1)))
                key = member(after: key)
            }
            return .object(members)
        }
    }

    /// Appends the value at `token` as compact JSON. Numbers and strings without escapes are copied as they
    /// are (the parser refused control characters in them); decoded strings are escaped again.
    func write(_ token: Int, to output: inout [UInt8]) {
        let item = tokens[token]
        switch item.kind {
        case .null: output.append(contentsOf: "null".utf8)
        case .true: output.append(contentsOf: "true".utf8)
        case .false: output.append(contentsOf: "false".utf8)
        case .number: output.append(contentsOf: bytes[item.start..<item.end])
        case .string: writeString(token, to: &output)
        case .array:
            output.append(UInt8(ascii: "["))
            var element = firstElement(of: token)
            while element < item.next {
                if element > token + 1 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
                element = tokens[element].next
            }
            output.append(UInt8(ascii: "]"))
        case .object:
            output.append(UInt8(ascii: "{"))
            var key = firstMember(of: token)
            while key < item.next {
                if key > token + 1 { output.append(UInt8(ascii: ",")) }
                writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(key + 1, to: &output)
                key = member(after: key)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a string token (a key or a value) as a JSON string literal.
    func writeString(_ token: Int, to output: inout [UInt8]) {
        let item = tokens[token]
        if item.isUnescaped {
            unescaped.withUnsafeBufferPointer { JSONWriter.writeString(UnsafeBufferPointer(rebasing: $0[item.start..<item.end]), to: &output) }
        } else {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: bytes[item.start..<item.end])
            output.append(UInt8(ascii: "\""))
        }
    }

    /// At most `RecordReject.maxExcerptCharacters` characters of the value's compact JSON.
    func excerpt(_ token: Int) -> String {
        var output: [UInt8] = []
        write(token, to: &output)
        return RecordReject.excerpt(of: output, in: output.indices)
    }
}
