/// Lower-case hex of bytes (ETags, SigV4 hashes), without `String(format:)`, which dominated the
/// profile of loads of many small files.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func lowercase<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
