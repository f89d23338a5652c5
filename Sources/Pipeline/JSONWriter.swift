import JSON

/// Serialises `JSONValue` trees to compact JSON (for tests and tools: the loader writes `properties` and
/// excerpts from the token tape), and JSON string literals for both.
///
/// Writes bytes into one buffer and makes the String once: appending to a String piece by piece was slow.
public enum JSONWriter {
    public static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let flag): append(flag ? "true" : "false", to: &output)
        case .number(let text): append(text, to: &output)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members, to: &output)
        }
    }

    private static func writeObject(_ members: [JSONMember], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(member.key, to: &output)
            output.append(UInt8(ascii: ":"))
            write(member.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// A JSON string literal; U+0000 becomes U+FFFD (jsonb cannot hold it).
    static func writeString(_ text: String, to output: inout [UInt8]) {
        JSONString.append(text, to: &output, nul: .replaced)
    }

    /// A JSON string literal of UTF-8 text; U+0000 becomes U+FFFD.
    static func writeString(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        JSONString.append(utf8: bytes, to: &output, nul: .replaced)
    }
}
