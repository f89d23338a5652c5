/// Allocation-light text forms for identifiers (uuids, hex, base62 ids).
enum HexFormat {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base62Digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    private static let base64Digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase, from the 128 bits high-then-low.
    static func uuid(high: UInt64, low: UInt64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        appendHex(high, digits: 16, to: &bytes)
        appendHex(low, digits: 16, to: &bytes)
        for position in [8, 13, 18, 23] {
            bytes.insert(UInt8(ascii: "-"), at: position)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The low `digits` nibbles of `value` in lowercase hex, most significant first.
    static func hex(_ value: UInt64, digits: Int) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(digits)
        appendHex(value, digits: digits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` base62 characters drawn from the generator (user ids, order ids).
    static func base62(count: Int, using random: inout SeededRandom) -> String {
        String(decoding: (0..<count).map { _ in base62Digits[random.int(below: 62)] }, as: UTF8.self)
    }

    /// `count` base64 characters and a `=` pad, the shape of an API Gateway request id.
    static func requestID(count: Int, using random: inout SeededRandom) -> String {
        String(decoding: (0..<count).map { _ in base64Digits[random.int(below: 64)] }, as: UTF8.self) + "="
    }

    private static func appendHex(_ value: UInt64, digits: Int, to bytes: inout [UInt8]) {
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes.append(hexDigits[Int((value >> UInt64(index * 4)) & 0xF)])
        }
    }
}
