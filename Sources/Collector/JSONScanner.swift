/// A strict JSON (RFC 8259) scanner over UTF-8 bytes that validates without building a tree and reports where
/// values lie, so the collector can copy each event's members into the lake as they arrived. Building
/// Foundation objects and writing them back cost about 2 ms per event; this costs microseconds.
///
/// The caller checks UTF-8 validity of the whole input first; the scanner checks the JSON grammar (strings
/// without raw control characters and with valid escapes, number syntax, literals, nesting up to `maxDepth`).
struct JSONScanner {
    /// Why the bytes are not JSON, and where.
    struct Failure: Error, Equatable {
        let offset: Int
        let reason: String
    }

    /// One member of an object: `"key": value`, as byte ranges into the scanned buffer.
    struct Member {
        /// From the key's opening quote to the end of the value.
        let range: Range<Int>
        /// The key's content between the quotes, still escaped.
        let rawKey: Range<Int>
        let value: Range<Int>
    }

    /// Deeper nesting is refused (the scanner recurses; events are a few levels deep).
    static let maxDepth = 64

    /// A value found by `items(in:)`: its bytes, and its members when it is an object.
    struct Item {
        let range: Range<Int>
        let members: [Member]?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) {
        self.bytes = bytes
        index = range.lowerBound
        end = range.upperBound
    }

    /// The single value `range` holds (surrounding whitespace allowed), in one pass: a top-level array gives its
    /// elements (`isArray`), anything else itself; objects among them come with their members.
    static func items(in bytes: [UInt8], _ range: Range<Int>) throws(Failure) -> (isArray: Bool, items: [Item]) {
        let scanned = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, in: range)
            return Result { () throws(Failure) -> (Bool, [Item]) in try scanner.scanTopLevel() }
        }
        return try scanned.get()
    }

    /// The range of the single value that `range` holds (surrounding whitespace allowed).
    static func value(in bytes: [UInt8], _ range: Range<Int>) throws(Failure) -> Range<Int> {
        let scanned = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, in: range)
            return Result { () throws(Failure) -> Range<Int> in
                scanner.skipWhitespace()
                let value = try scanner.scanValue(depth: 0)
                scanner.skipWhitespace()
                guard scanner.index == scanner.end else { throw scanner.failure("unexpected data after the JSON value") }
                return value
            }
        }
        return try scanned.get()
    }

    private mutating func scanTopLevel() throws(Failure) -> (Bool, [Item]) {
        skipWhitespace()
        var items: [Item] = []
        let isArray = peek == UInt8(ascii: "[")
        if isArray {
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    items.append(try scanItem(depth: 1))
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    try expect(UInt8(ascii: "]"))
                    break
                }
            }
        } else {
            items.append(try scanItem(depth: 0))
        }
        skipWhitespace()
        guard index == end else { throw failure("unexpected data after the JSON value") }
        return (isArray, items)
    }

    private mutating func scanItem(depth: Int) throws(Failure) -> Item {
        guard peek == UInt8(ascii: "{") else {
            return Item(range: try scanValue(depth: depth), members: nil)
        }
        let start = index
        let members = try scanMembers(depth: depth)
        return Item(range: start..<index, members: members)
    }

    /// The members of the object starting here, in order (duplicates kept).
    private mutating func scanMembers(depth: Int) throws(Failure) -> [Member] {
        var members: [Member] = []
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            let key = try scanString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try scanValue(depth: depth + 1)
            members.append(Member(range: key.lowerBound..<value.upperBound, rawKey: (key.lowerBound + 1)..<(key.upperBound - 1),
                                  value: value))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return members
        }
    }

    /// The text of a string value (quotes included in `range`), escapes decoded; nil if it is not a string.
    static func string(in bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else {
            return nil
        }
        return unescape(bytes, (range.lowerBound + 1)..<(range.upperBound - 1))
    }

    /// Whether the escaped content `raw` (as in `Member.rawKey`) spells exactly `text`.
    static func equals(_ bytes: [UInt8], _ raw: Range<Int>, _ text: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        if raw.count == expected.count, bytes[raw].elementsEqual(expected) { return true }
        // An escaped spelling (`"event\u004eame"`) is the same key; rare, so decoded only then.
        guard bytes[raw].contains(UInt8(ascii: "\\")) else { return false }
        return unescape(bytes, raw).map { $0.utf8.elementsEqual(expected) } ?? false
    }

    // MARK: scanning

    private var peek: UInt8? { index < end ? bytes[index] : nil }

    private func failure(_ reason: String) -> Failure {
        Failure(offset: index, reason: reason)
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func scanValue(depth: Int) throws(Failure) -> Range<Int> {
        guard depth <= Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) levels deep") }
        let start = index
        guard let byte = peek else { throw failure("expected a value, found the end") }
        switch byte {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return start..<index
            }
            while true {
                skipWhitespace()
                _ = try scanString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return start..<index
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return start..<index
            }
            while true {
                skipWhitespace()
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return start..<index
            }
        case UInt8(ascii: "\""):
            return try scanString()
        case UInt8(ascii: "t"):
            try scanLiteral("true")
        case UInt8(ascii: "f"):
            try scanLiteral("false")
        case UInt8(ascii: "n"):
            try scanLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
        default:
            throw failure("unexpected '\(Character(Unicode.Scalar(byte)))'")
        }
        return start..<index
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(Failure) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard end - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw failure("invalid literal")
        }
        index += expected.count
    }

    private mutating func scanDigits() throws(Failure) {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        guard index > start else { throw failure("expected a digit") }
    }

    private mutating func scanNumber() throws(Failure) {
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else {
            try scanDigits()
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            try scanDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            try scanDigits()
        }
    }

    /// A string with its quotes; escapes are checked, not decoded.
    private mutating func scanString() throws(Failure) -> Range<Int> {
        let start = index
        try expect(UInt8(ascii: "\""))
        while index < end {
            let byte = bytes[index]
            // Most bytes are plain text: skip them without the switch below.
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return start..<index
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = peek else { break }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard end - index >= 5, bytes[(index + 1)..<(index + 5)].allSatisfy({ Self.hexValue($0) != nil }) else {
                        throw failure("invalid \\u escape")
                    }
                    index += 5
                default:
                    throw failure("invalid escape")
                }
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Decodes the escapes of an already scanned string's content; nil for a lone surrogate.
    private static func unescape(_ bytes: [UInt8], _ raw: Range<Int>) -> String? {
        guard bytes[raw].contains(UInt8(ascii: "\\")) else { return String(decoding: bytes[raw], as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = raw.lowerBound
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        func hex4(_ at: Int) -> UInt32 {
            bytes[at..<(at + 4)].reduce(0) { $0 << 4 | (hexValue($1) ?? 0) }
        }
        while index < raw.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            let simple: UInt8? = switch escaped {
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            case UInt8(ascii: "u"): nil
            default: escaped
            }
            if let simple {
                utf8.append(simple)
                continue
            }
            var value = hex4(index)
            index += 4
            if (0xD800..<0xDC00).contains(value) {
                guard index + 6 <= raw.upperBound, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                let low = hex4(index + 2)
                guard (0xDC00..<0xE000).contains(low) else { return nil }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                index += 6
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            flush()
            scalars.append(scalar)
        }
        flush()
        return String(scalars)
    }
}
