/// A key's length (up to 255), first four and last three bytes in one word. Looking a key up among an object's members
/// compares words and reads bytes only when they match; keys of up to seven bytes are wholly in the word.
struct KeyFingerprint: Equatable, Sendable {
    private let word: UInt64

    init<Bytes: Sequence<UInt8>>(_ utf8: Bytes) {
        var head: UInt64 = 0, tail: UInt64 = 0, count: UInt64 = 0
        for byte in utf8 {
            if count < 4 { head |= UInt64(byte) << (8 * count) }
            tail = (tail << 8 | UInt64(byte)) & 0xFF_FFFF
            count += 1
        }
        word = min(count, 0xFF) << 56 | tail << 32 | head  // saturated: a 263-byte key must not pass for a 7-byte one
    }

    /// True when the key is at most seven bytes long, so equal fingerprints mean equal keys.
    var isWholeKey: Bool { word >> 56 <= 7 }
}

/// A key name the decoders look up, from a string literal: its bytes and fingerprint, with no String made
/// or walked per lookup (walking a String's UTF-8 view cost more than the lookups themselves).
struct FieldKey: ExpressibleByStringLiteral, Sendable, CustomStringConvertible {
    private let name: StaticString
    let fingerprint: KeyFingerprint
    /// In bytes; taken through `withUTF8Buffer`, as `utf8CodeUnitCount` traps on a one-scalar literal.
    let length: Int

    init(stringLiteral name: StaticString) {
        self.name = name
        (fingerprint, length) = name.withUTF8Buffer { (KeyFingerprint($0), $0.count) }
    }

    /// The key's bytes, valid inside `body` (a one-scalar literal has no stored bytes to point at).
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result { name.withUTF8Buffer(body) }
    var description: String { name.description }
}
