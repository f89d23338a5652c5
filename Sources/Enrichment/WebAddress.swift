import PercentEncoding

/// The parts of a page URL or referrer the warehouse keeps, split by hand over the UTF-8 bytes in one pass
/// (Foundation's URL parsing, and even Character-wise String scanning, cost more than a whole event's decoding):
/// scheme, host (lower case, no port, user info or trailing dot), path and query. A relative reference
/// (`/laptops/asus`, as the case-study batches send) has no scheme or host.
public struct WebAddress: Sendable {
    public private(set) var scheme: String?
    public private(set) var host: String?
    private let text: String
    /// Byte offsets in `text` of the path (still percent-encoded) and of the query (after `?`).
    private let path: Range<Int>
    private let queryRange: Range<Int>?

    /// Nil when `text` is not a URL: empty, spaces or control characters inside, a scheme without a host
    /// (`javascript:…`, `about:blank`), or a host with characters no host has.
    public init?(_ text: String) {
        self.text = text
        var parts: (scheme: String?, host: String?, path: Range<Int>, query: Range<Int>?)?
        var copy = text
        copy.withUTF8 { parts = Self.split($0) }
        guard let parts else { return nil }
        (scheme, host, path, queryRange) = parts
    }

    /// The query after `?`, without the fragment; nil when there is none.
    public var query: Substring? {
        guard let queryRange else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: queryRange.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: queryRange.upperBound)
        return Substring(utf8[start..<end])
    }

    /// The path without query or fragment, with percent-escapes of unreserved characters decoded (and the
    /// others' hex in upper case, RFC 3986 §6.2.2), no trailing slash except the root's; "/" when empty.
    public var normalizedPath: String {
        var copy = text
        return copy.withUTF8 { bytes in
            let path = UnsafeBufferPointer(rebasing: bytes[self.path])
            var output: [UInt8] = []
            output.reserveCapacity(path.count + 1)
            if path.first != UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
            var index = 0
            while index < path.count {
                let byte = path[index]
                if byte == UInt8(ascii: "%"), index + 2 < path.count, let decoded = QueryValue.hexPair(path[index + 1], path[index + 2]) {
                    if PercentDecoding.isUnreserved(decoded) {
                        output.append(decoded)
                    } else {
                        output += [byte, QueryValue.upperHex(path[index + 1]), QueryValue.upperHex(path[index + 2])]
                    }
                    index += 3
                    continue
                }
                output.append(byte)
                index += 1
            }
            while output.count > 1, output.last == UInt8(ascii: "/") { output.removeLast() }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (String?, String?, Range<Int>, Range<Int>?)? {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard start < end else { return nil }
        for index in start..<end where bytes[index] <= 0x20 || bytes[index] == 0x7F { return nil }
        if let hash = (start..<end).first(where: { bytes[$0] == UInt8(ascii: "#") }) { end = hash }
        var scheme: String?, host: String?, rest = start
        // A scheme: a letter, then letters, digits, + - . up to ':' (so `localhost:8080/x` or `C:\\x` is not one).
        var cursor = start
        if cursor < end, bytes[cursor].isASCIILetter {
            while cursor < end, cursor - start <= 32,
                  bytes[cursor].isASCIILetter || bytes[cursor].isASCIIDigit || bytes[cursor] == UInt8(ascii: "+")
                    || bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: ".") {
                cursor += 1
            }
        }
        if cursor > start, cursor < end, bytes[cursor] == UInt8(ascii: ":") {
            guard cursor + 2 < end, bytes[cursor + 1] == UInt8(ascii: "/"), bytes[cursor + 2] == UInt8(ascii: "/") else { return nil }
            scheme = lowercased(bytes, start..<cursor)
            let authorityStart = cursor + 3
            var authorityEnd = authorityStart
            while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?") { authorityEnd += 1 }
            guard let parsed = parseHost(bytes, authorityStart..<authorityEnd) else { return nil }
            host = parsed
            rest = authorityEnd
        } else if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            return nil  // scheme-relative: not something a browser sends as a page or referrer
        }
        if let mark = (rest..<end).first(where: { bytes[$0] == UInt8(ascii: "?") }) {
            return (scheme, host, rest..<mark, (mark + 1)..<end)
        }
        return (scheme, host, rest..<end, nil)
    }

    /// The host of an authority (`user@Host.Example:8443`), lower case, without a trailing dot; nil when empty or
    /// when it holds a character no registered name, IPv4 or bracketed IPv6 literal has.
    private static func parseHost(_ bytes: UnsafeBufferPointer<UInt8>, _ authority: Range<Int>) -> String? {
        var start = authority.lowerBound, end = authority.upperBound
        if let at = authority.last(where: { bytes[$0] == UInt8(ascii: "@") }) { start = at + 1 }
        guard start < end else { return nil }
        if bytes[start] == UInt8(ascii: "[") {
            guard let close = (start..<end).first(where: { bytes[$0] == UInt8(ascii: "]") }) else { return nil }
            let literal = lowercased(bytes, (start + 1)..<close)
            return IPAddress(literal) == nil ? nil : "[" + literal + "]"
        }
        if let colon = (start..<end).last(where: { bytes[$0] == UInt8(ascii: ":") }) {
            guard ((colon + 1)..<end).allSatisfy({ bytes[$0].isASCIIDigit }) else { return nil }
            end = colon
        }
        while end > start, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard start < end else { return nil }
        for index in start..<end {
            let byte = bytes[index]
            guard byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "_") || byte >= 0x80 else { return nil }
        }
        return lowercased(bytes, start..<end)
    }

    /// ASCII letters lowered; other bytes (an internationalized host's UTF-8) as they are.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { output in
            for (offset, index) in range.enumerated() {
                let byte = bytes[index]
                output[offset] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            }
            return range.count
        }
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) }
    var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs, by bytes (Character-wise trimming walks graphemes).
    var trimmingASCIISpaces: Substring {
        let utf8 = self.utf8
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return Substring(utf8[first...last])
    }
}
