/// Checks that bytes are well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
///
/// Runs before JSON parsing so invalid text is refused as `invalid_utf8`, never silently repaired.
public enum UTF8Validator {
    /// The offset of the first byte that is not part of a well-formed sequence, or nil when all is valid.
    public static func firstInvalidOffset(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0, in: range) }
    }

    private static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        let end = range.upperBound
        guard let base = bytes.baseAddress, range.upperBound <= bytes.count else { return range.isEmpty ? nil : range.lowerBound }
        let raw = UnsafeRawPointer(base)
        while index < end {
            // Eight ASCII bytes at a time: nearly all of a clickstream is ASCII.
            if end - index >= 8, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard end - index >= length else { return index }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return index }
            for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    /// True when the whole buffer is well-formed UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        firstInvalidOffset(bytes, in: 0..<bytes.count) == nil
    }
}
