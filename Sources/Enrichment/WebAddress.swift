import PercentEncoding

/// The parts of a page URL or referrer the warehouse keeps, split by hand (Foundation's URL parsing cost more
/// than a whole event's decoding): scheme, host (lower case, no port, user info or trailing dot), path and query.
/// A relative reference (`/laptops/asus`, as the case-study batches send) has no scheme or host.
public struct WebAddress: Sendable {
    public var scheme: String?
    public var host: String?
    /// As sent (still percent-encoded); `normalizedPath` is the column.
    public var path: Substring.UTF8View.SubSequence
    public var query: Substring?

    /// Nil when `text` is not a URL: empty, spaces or control characters inside, a scheme without a host
    /// (`javascript:…`, `about:blank`), or a host with characters no host has.
    public init?(_ text: String) {
        let trimmed = text.trimmingASCIISpaces
        let utf8 = trimmed.utf8
        guard !utf8.isEmpty, !utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return nil }
        var rest = trimmed[...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")), let scheme = Self.scheme(rest[..<colon]) {
            let afterColon = rest[rest.index(after: colon)...]
            guard afterColon.hasPrefix("//") else { return nil }
            self.scheme = scheme
            rest = afterColon.dropFirst(2)
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            guard let host = Self.host(rest[..<authorityEnd]) else { return nil }
            self.host = host
            rest = rest[authorityEnd...]
        } else if rest.hasPrefix("//") {
            return nil  // scheme-relative: not something a browser sends as a page or referrer
        }
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        path = rest.utf8[...]
    }

    /// The path without query or fragment, with percent-escapes of unreserved characters decoded (and the
    /// others' hex in upper case, RFC 3986 §6.2.2), no trailing slash except the root's; "/" when empty.
    public var normalizedPath: String {
        var output: [UInt8] = []
        output.reserveCapacity(path.count + 1)
        if path.first != UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
        var index = path.startIndex
        while index < path.endIndex {
            let byte = path[index]
            if byte == UInt8(ascii: "%"), let high = path.index(index, offsetBy: 1, limitedBy: path.endIndex),
               let low = path.index(index, offsetBy: 2, limitedBy: path.endIndex), low < path.endIndex,
               let decoded = QueryValue.hexPair(path[high], path[low]) {
                if PercentDecoding.isUnreserved(decoded) {
                    output.append(decoded)
                } else {
                    output += [byte, QueryValue.upperHex(path[high]), QueryValue.upperHex(path[low])]
                }
                index = path.index(after: low)
                continue
            }
            output.append(byte)
            index = path.index(after: index)
        }
        while output.count > 1, output.last == UInt8(ascii: "/") { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// `http`, `https`, or another RFC 3986 scheme (`android-app`), lower-cased; nil when `text` is not one
    /// (so `localhost:8080/x` or a Windows path is not read as a scheme).
    private static func scheme(_ text: Substring) -> String? {
        guard let first = text.utf8.first, first.isASCIILetter, text.utf8.count <= 32,
              text.utf8.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return text.lowercased()
    }

    /// The host of an authority (`user@Host.Example:8443`), lower case, without a trailing dot; nil when empty or
    /// when it holds a character no registered name, IPv4 or bracketed IPv6 literal has.
    private static func host(_ authority: Substring) -> String? {
        var host = authority
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let literal = host[host.index(after: host.startIndex)..<close]
            return IPAddress(literal) == nil ? nil : "[" + literal.lowercased() + "]"
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].utf8.allSatisfy(\.isASCIIDigit) else { return nil }
            host = host[..<colon]
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty, host.utf8.allSatisfy({
            $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 >= 0x80
        }) else { return nil }
        return host.lowercased()
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) }
    var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs (cheaper than Foundation's trimming).
    var trimmingASCIISpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
