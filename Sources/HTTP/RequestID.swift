import Synchronization

/// Request ids: a sane incoming `X-Request-Id` is kept (so ids follow a request across proxies), else a new one.
enum RequestID {
    /// The incoming id when it is 1…128 characters of `[A-Za-z0-9._:-]`, otherwise a random 16-hex-digit id.
    static func make(incoming: String?) -> String {
        if let incoming, (1...128).contains(incoming.utf8.count), incoming.utf8.allSatisfy(isAllowed) {
            return incoming
        }
        return generate()
    }

    /// 16 hex digits: a random per-process prefix and a counter, so ids are unique without a getrandom(2)
    /// call per request (the system generator costs a syscall each time).
    static func generate() -> String {
        let value = prefix &+ counter.wrappingAdd(1, ordering: .relaxed).newValue
        // Written digit by digit into the string's own storage: one allocation, no padding step.
        return String(unsafeUninitializedCapacity: 16) { digits in
            for index in 0..<16 {
                digits[index] = hexDigits[Int(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF]
            }
            return 16
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static let prefix = UInt64.random(in: .min ... .max) & 0xFFFF_FFFF_0000_0000
    private static let counter = Atomic<UInt64>(UInt64.random(in: 0...0xFFFF))

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
