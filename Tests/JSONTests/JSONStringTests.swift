import JSON
import Testing

@Suite("JSON string literals")
struct JSONStringTests {
    static func literal(_ text: String, nul: JSONString.NULCharacter = .escaped) -> String {
        var output: [UInt8] = []
        JSONString.append(text, to: &output, nul: nul)
        return String(decoding: output, as: UTF8.self)
    }

    @Test("quotes, backslashes and control characters are escaped; the short forms where JSON has them")
    func escapesWhatJSONRequires() {
        #expect(Self.literal("a\"b\\c\nd\re\tf\u{01}g\u{1F}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
    }

    @Test("other text, slashes and non-ASCII included, is copied as is")
    func copiesOtherText() {
        #expect(Self.literal("/product/chuột-logitech 🖱") == "\"/product/chuột-logitech 🖱\"")
        #expect(Self.literal("") == "\"\"")
    }

    @Test("U+0000 is escaped, or replaced by U+FFFD for jsonb")
    func nulPolicy() {
        #expect(Self.literal("a\u{0}b") == #""a\u0000b""#)
        #expect(Self.literal("a\u{0}b", nul: .replaced) == "\"a\u{FFFD}b\"")
    }

    @Test("an absent optional is null")
    func optionalNull() {
        var output: [UInt8] = []
        JSONString.append(optional: nil, to: &output)
        JSONString.append(optional: "x", to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "null\"x\"")
    }
}
