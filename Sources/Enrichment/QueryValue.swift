import PercentEncoding

/// What the page path and UTM values need beyond `PercentDecoding`: lenient decoding (a malformed escape or
/// bytes that are not UTF-8 keep the text as sent; a page still loads) and RFC 3986 §6.2.2 hex case.
enum QueryValue {
    static func decode(_ text: Substring) -> String {
        PercentDecoding.decode(text, plusAsSpace: true) ?? String(text)
    }

    static func hexPair(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let high = PercentDecoding.hexValue(high), let low = PercentDecoding.hexValue(low) else { return nil }
        return high << 4 | low
    }

    static func upperHex(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) ? byte - 0x20 : byte
    }
}
