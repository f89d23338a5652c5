/// Why a byte sequence is not the JSON we accept, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The value was fine but more non-whitespace bytes follow it (a hint that the file is NDJSON).
        case trailingContent
        case syntax
    }
    public var kind: Kind
    public var message: String
    public var offset: Int

    public var description: String { "\(message) at byte \(offset)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes into a `JSONTape`.
///
/// Callers validate UTF-8 first (`UTF8Validator`); string contents are decoded without another check.
/// `\u0000` and lone surrogates become U+FFFD because PostgreSQL text and jsonb cannot store them.
public struct JSONParser {
    /// Deeper nesting is refused so hostile input cannot exhaust the stack (jsonb has its own limit too).
    public static let maxDepth = 64
    /// Numbers longer than this, or with a larger exponent, are refused: numeric/jsonb would reject the row.
    static let maxNumberLength = 100
    static let maxExponent = 1_000

    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private var depth = 0
    private var tokens: [JSONToken] = []
    private var unescaped: [UInt8] = []

    /// Parses exactly one JSON value from `bytes[range]`, allowing surrounding whitespace.
    static func tape(_ bytes: [UInt8], in range: Range<Int>) throws(JSONParseError) -> JSONTape {
        guard range.upperBound <= Int(Int32.max) else {  // tokens keep 32-bit offsets (objects are capped far below)
            throw JSONParseError(kind: .syntax, message: "input larger than 2 GiB", offset: range.lowerBound)
        }
        var parser = JSONParser(bytes: bytes, index: range.lowerBound, end: range.upperBound)
        parser.tokens.reserveCapacity(64)  // a typical event in one allocation
        parser.skipWhitespace()
        try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != parser.end {
            throw JSONParseError(kind: .trailingContent, message: "unexpected content after the JSON value", offset: parser.index)
        }
        return JSONTape(bytes: bytes, unescaped: parser.unescaped, tokens: parser.tokens)
    }

    /// Parses a whole buffer into a tree.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try tape(bytes, in: 0..<bytes.count).value(JSONTape.root)
    }

    private init(bytes: [UInt8], index: Int, end: Int) {
        self.bytes = bytes
        self.index = index
        self.end = end
    }

    private func fail(_ message: String) -> JSONParseError {
        JSONParseError(kind: .syntax, message: message, offset: index)
    }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Appends a value without members or elements.
    private mutating func appendScalar(_ kind: JSONToken.Kind, from start: Int, to end: Int, isUnescaped: Bool = false) {
        tokens.append(JSONToken(kind: kind, start: start, end: end, next: tokens.count + 1, isUnescaped: isUnescaped))
    }

    private mutating func parseValue() throws(JSONParseError) {
        guard index < end else { throw fail("unexpected end of input") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try expectLiteral("true"); appendScalar(.true, from: start, to: index)
        case UInt8(ascii: "f"): try expectLiteral("false"); appendScalar(.false, from: start, to: index)
        case UInt8(ascii: "n"): try expectLiteral("null"); appendScalar(.null, from: start, to: index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
            appendScalar(.number, from: start, to: index)
        default: throw fail("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONParseError) {
        for expected in literal.utf8 {
            guard index < end else { throw fail("unexpected end of input") }
            guard bytes[index] == expected else { throw fail("invalid literal") }
            index += 1
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    }

    /// Opens a container's token; `close` fills in where it ends once its contents are on the tape.
    private mutating func open(_ kind: JSONToken.Kind) throws(JSONParseError) -> Int {
        try enter()
        tokens.append(JSONToken(kind: kind, start: index, end: index, next: 0))
        index += 1
        return tokens.count - 1
    }

    private mutating func close(_ container: Int) {
        depth -= 1
        tokens[container].end = index
        tokens[container].next = tokens.count
    }

    private mutating func parseObject() throws(JSONParseError) {
        let object = try open(.object)
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
            close(object)
            return
        }
        while true {
            skipWhitespace()
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            try parseString()
            skipWhitespace()
            guard index < end, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            try parseValue()
            skipWhitespace()
            guard index < end else { throw fail("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected ',' or '}'")
        }
        close(object)
    }

    private mutating func parseArray() throws(JSONParseError) {
        let array = try open(.array)
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "]") {
            index += 1
            close(array)
            return
        }
        while true {
            skipWhitespace()
            try parseValue()
            skipWhitespace()
            guard index < end else { throw fail("unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw fail("expected ',' or ']'")
        }
        close(array)
    }

    /// Moves past a number, checking it against the grammar and the length and exponent limits.
    private mutating func parseNumber() throws(JSONParseError) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(bytes[index]) else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw fail("invalid number fraction") }
            while index < end, isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            guard index < end, isDigit(bytes[index]) else { throw fail("invalid number exponent") }
            while index < end, isDigit(bytes[index]) { index += 1 }
            let exponent = bytes[digitsStart..<index].reduce(0) { min($0 * 10 + Int($1 - 48), Self.maxExponent + 1) }
            if exponent > Self.maxExponent { throw fail("number exponent out of range") }
        }
        if index - start > Self.maxNumberLength { throw fail("number longer than \(Self.maxNumberLength) characters") }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Appends a string token: pointing into the source when it has no escapes (nearly always), else
    /// into `unescaped`, where its decoded text is written.
    private mutating func parseString() throws(JSONParseError) {
        index += 1
        let start = index
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                appendScalar(.string, from: start, to: index)
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string") }
            index += 1
        }
        guard index < end else { throw fail("unterminated string") }
        let decodedStart = unescaped.count
        unescaped.append(contentsOf: bytes[start..<index])
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                appendScalar(.string, from: decodedStart, to: unescaped.count, isUnescaped: true)
                index += 1
                return
            }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                unescaped.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < end else { throw fail("unterminated escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"): UTF8.encode(try parseUnicodeEscape()) { unescaped.append($0) }
            default: throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    /// Reads the hex digits after `\u` (and a following low surrogate escape when needed).
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        let first = try readHex4()
        if (0xD800...0xDBFF).contains(first) {
            let hasLow = end - index >= 6 && bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u")
            guard hasLow else { return replacement }
            let saved = index
            index += 2
            let second = try readHex4()
            guard (0xDC00...0xDFFF).contains(second) else { index = saved; return replacement }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value) ?? replacement
        }
        if first == 0 { return replacement }
        return Unicode.Scalar(first) ?? replacement
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard end - index >= 4 else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
