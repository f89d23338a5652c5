/// An IPv4 or IPv6 address parsed from text without the C library: 4 or 16 bytes in network order.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Dotted quad (`203.0.113.7`) or RFC 4291 text (`2001:db8::1`, `::ffff:203.0.113.7`); surrounding spaces
    /// and a zone (`%eth0`) are not accepted. Nil for anything else.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        if let v4 = Self.parseIPv4(utf8[...]) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(utf8) {
            bytes = v6
        } else {
            return nil
        }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// The address with its host part cleared: IPv4 to its /24, IPv6 to its /48 (an IPv4-mapped IPv6 address to
    /// the /24 of its IPv4 address), what `KEEP_IP=truncate` keeps.
    public var truncated: IPAddress {
        var kept = bytes
        if isIPv4 {
            kept[3] = 0
        } else if isIPv4Mapped {
            kept[15] = 0
        } else {
            for index in 6..<16 { kept[index] = 0 }
        }
        return IPAddress(validated: kept)
    }

    private init(validated bytes: [UInt8]) { self.bytes = bytes }

    /// `::ffff:a.b.c.d`.
    public var isIPv4Mapped: Bool {
        bytes.count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    /// Dotted quad, or RFC 5952 text (lower case, the longest run of zero groups as `::`).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        if isIPv4Mapped { return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best: Range<Int>?, start: Int?
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if index - runStart >= 2, index - runStart > (best?.count ?? 0) { best = runStart..<index }
                start = nil
            }
        }
        func hex(_ slice: ArraySlice<UInt16>) -> String { slice.map { String($0, radix: 16) }.joined(separator: ":") }
        guard let best else { return hex(groups[...]) }
        return hex(groups[..<best.lowerBound]) + "::" + hex(groups[best.upperBound...])
    }

    private static func parseIPv4(_ utf8: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = [], value = 0, digits = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits > 0 && value == 0 { return nil }  // no leading zeros ("010" is octal to some parsers)
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, result.count < 3 else { return nil }
                result.append(UInt8(value))
                value = 0
                digits = 0
            default: return nil
            }
        }
        guard digits > 0, result.count == 3 else { return nil }
        return result + [UInt8(value)]
    }

    private static func parseIPv6(_ utf8: [UInt8]) -> [UInt8]? {
        guard utf8.count >= 2, utf8.count <= 45 else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = [], seenGap = false, index = 0
        if utf8.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            seenGap = true
            index = 2
            if index == utf8.count { return [UInt8](repeating: 0, count: 16) }
        }
        var embeddedIPv4: [UInt8]?
        while index < utf8.count {
            var end = index
            while end < utf8.count, utf8[end] != UInt8(ascii: ":") { end += 1 }
            let field = utf8[index..<end]
            if field.contains(UInt8(ascii: ".")) {
                // An IPv4 tail (`::ffff:1.2.3.4`) ends the address.
                guard end == utf8.count, let v4 = parseIPv4(field) else { return nil }
                embeddedIPv4 = v4
            } else {
                guard (1...4).contains(field.count), let group = UInt16(String(decoding: field, as: UTF8.self), radix: 16) else { return nil }
                if seenGap { tail.append(group) } else { head.append(group) }
            }
            if end == utf8.count { break }
            index = end + 1
            if index < utf8.count, utf8[index] == UInt8(ascii: ":") {
                guard !seenGap else { return nil }  // a second "::"
                seenGap = true
                index += 1
                if index == utf8.count { break }
            } else if index == utf8.count {
                return nil  // a single trailing colon
            }
        }
        var groups = head + tail
        if let embeddedIPv4 {
            groups += [UInt16(embeddedIPv4[0]) << 8 | UInt16(embeddedIPv4[1]), UInt16(embeddedIPv4[2]) << 8 | UInt16(embeddedIPv4[3])]
        }
        let count = groups.count
        if seenGap {
            guard count < 8 else { return nil }
            let tailCount = tail.count + (embeddedIPv4 == nil ? 0 : 2)
            groups = Array(groups[..<(count - tailCount)]) + Array(repeating: 0, count: 8 - count) + Array(groups[(count - tailCount)...])
        } else {
            guard count == 8 else { return nil }
        }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
