/// Writing JSON strings as bytes: quotes, and escapes for `"`, `\` and control characters; other UTF-8 as is
/// (and `/` unescaped, as the Lambda's output had it).
enum JSONText {
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string, or `null`.
    static func appendOptionalString(_ text: String?, to bytes: inout [UInt8]) {
        if let text {
            appendString(text, to: &bytes)
        } else {
            bytes += Array("null".utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
