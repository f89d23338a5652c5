/// Request ids: a sane incoming `X-Request-Id` is kept (so ids follow a request across proxies), else a new one.
enum RequestID {
    /// The incoming id when it is 1…128 characters of `[A-Za-z0-9._:-]`, otherwise a random 16-hex-digit id.
    static func make(incoming: String?) -> String {
        if let incoming, (1...128).contains(incoming.utf8.count), incoming.utf8.allSatisfy(isAllowed) {
            return incoming
        }
        return generate()
    }

    static func generate() -> String {
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.utf8.count) + hex
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
             UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
