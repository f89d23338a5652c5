import JSON

/// Appends JSON to a byte buffer, in the order the caller writes it.
///
/// Hand-written because `JSONEncoder` is several times slower and its key order is not
/// ours to choose; strings are escaped per RFC 8259 and pass UTF-8 through unchanged.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member of the current object needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject(_ key: String? = nil) {
        if let key { writeKey(key) } else { separate() }
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func string(_ key: String, _ value: String?) {
        writeKey(key)
        if let value { appendString(value) } else { appendLiteral("null") }
    }

    mutating func int(_ key: String, _ value: Int?) {
        writeKey(key)
        appendLiteral(value.map(String.init) ?? "null")
    }

    mutating func bool(_ key: String, _ value: Bool) {
        writeKey(key)
        appendLiteral(value ? "true" : "false")
    }

    private mutating func writeKey(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func appendLiteral(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendString(_ text: String) {
        JSONString.append(text, to: &bytes)
    }
}
