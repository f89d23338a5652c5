#if canImport(Glibc)
import Glibc
#endif

/// A numeric IPv4 or IPv6 address, parsed by inet_pton(3): the same grammar the socket calls accept, so
/// `::1`, `0:0::1` and `::ffff:127.0.0.1` are the addresses they look like, and names are not addresses.
public struct IPAddress: Sendable, Hashable {
    /// 4 bytes (IPv4) or 16 (IPv6), network order.
    public let bytes: [UInt8]

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (no brackets, no zone); nil for anything else.
    public init?(_ text: String) {
        if let bytes = Self.parse(text, family: AF_INET, count: 4) ?? Self.parse(text, family: AF_INET6, count: 16) {
            self.bytes = bytes
        } else {
            return nil
        }
    }

    /// 127.0.0.0/8, `::1`, or an IPv4-mapped loopback (`::ffff:127.x.y.z`).
    public var isLoopback: Bool {
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes[..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        return bytes[..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }

    /// 0.0.0.0 or `::`: "every address of this machine" when bound, never a peer.
    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

    private static func parse(_ text: String, family: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let rc = buffer.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
        return rc == 1 ? Array(buffer.prefix(count)) : nil
    }
}
