/// JSON string literals (RFC 8259) written as UTF-8 bytes: `"`, `\` and control characters escaped, all other
/// text (`/` included, as the original Lambda's output had it) copied as is. The project's one escaper: the
/// collector's lake objects, the loader's `properties` and the generator's events all write through it.
public enum JSONString {
    /// How U+0000 is written.
    public enum NULCharacter: Sendable {
        /// As `\u0000`: valid JSON, the text kept exactly.
        case escaped
        /// As U+FFFD, for PostgreSQL's jsonb and text, which cannot hold U+0000.
        case replaced
    }

    /// Appends `text` as a JSON string literal.
    public static func append(_ text: String, to output: inout [UInt8], nul: NULCharacter = .escaped) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &output, nul: nul) }
    }

    /// Appends `text` as a JSON string literal, or `null` when it is nil.
    public static func append(optional text: String?, to output: inout [UInt8]) {
        if let text { append(text, to: &output) } else { output += [0x6E, 0x75, 0x6C, 0x6C] }
    }

    /// Appends the UTF-8 text `bytes` as a JSON string literal; runs that need no escape (nearly all text) are
    /// copied whole.
    public static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], nul: NULCharacter = .escaped) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00 where nul == .replaced: output += [0xEF, 0xBF, 0xBD]
            default:
                output += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                           hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            index += 1
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
