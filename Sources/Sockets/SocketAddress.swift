#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address held as Swift bytes (no C pointer outlives a call).
struct SocketAddress: Sendable, CustomStringConvertible {
    private let storage: [UInt8]
    let family: Int32

    /// Resolves `host` (numeric like "127.0.0.1", "0.0.0.0", "::1", or a name) with getaddrinfo;
    /// the first stream address wins. `passive` asks for a bindable address.
    static func resolve(host: String, port: Int, passive: Bool) throws(SocketError) -> SocketAddress {
        guard (0...65_535).contains(port) else { throw .invalidAddress("port \(port) out of range") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = (passive ? AI_PASSIVE : 0) | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .invalidAddress("\(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        guard let address = first.pointee.ai_addr else { throw .invalidAddress("\(host): no address") }
        let bytes = UnsafeRawBufferPointer(start: address, count: Int(first.pointee.ai_addrlen))
        return SocketAddress(storage: Array(bytes), family: first.pointee.ai_family)
    }

    /// The address of `fd`'s local end (getsockname) or peer (getpeername).
    static func of(_ fd: Int32, peer: Bool) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? getpeername(fd, $0, &length) : getsockname(fd, $0, &length)
            }
        }
        guard rc == 0 else { return nil }
        let bytes = withUnsafeBytes(of: &storage) { Array($0.prefix(Int(length))) }
        return SocketAddress(storage: bytes, family: Int32(storage.ss_family))
    }

    init(storage: [UInt8], family: Int32) {
        self.storage = storage
        self.family = family
    }

    /// Calls `body` with a `sockaddr` pointer valid only for the call.
    func withSockAddr<T>(_ body: (UnsafePointer<sockaddr>?, socklen_t) -> T) -> T {
        storage.withUnsafeBytes { raw in
            body(raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
    }

    /// The numeric host and port (getnameinfo).
    var hostAndPort: (host: String, port: Int) {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let rc = withSockAddr { address, length in
            getnameinfo(address, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                        NI_NUMERICHOST | NI_NUMERICSERV)
        }
        guard rc == 0 else { return ("?", 0) }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let portText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (hostText, Int(portText) ?? 0)
    }

    var description: String {
        let (host, port) = hostAndPort
        return family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
