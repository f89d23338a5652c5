#if canImport(Glibc)
import Glibc
#endif

/// A bound, listening TCP socket whose `accept` suspends on the reactor.
public final class ListeningSocket: Sendable {
    private let descriptor: Descriptor
    private let reactor: Reactor
    /// The bound port (the kernel's choice when bound to port 0).
    public let localPort: Int
    /// The bound address as `host:port`.
    public let localAddress: String

    /// Binds `host:port` ("127.0.0.1", "0.0.0.0", "::1", "::", or a name) with SO_REUSEADDR and listens, unless
    /// `listens` is false: then the port is taken (a clash fails now) but connections are refused until `listen`.
    public static func bind(
        host: String, port: Int, backlog: Int32 = 511, listens: Bool = true, reactor: Reactor? = nil
    ) throws(SocketError) -> ListeningSocket {
        let reactor = try Reactor.given(reactor)
        let address = try SocketAddress.resolve(host: host, port: port, passive: true)
        let fd = try SocketOptions.makeStreamSocket(family: address.family)
        let descriptor = Descriptor(fd)
        try SocketOptions.setReuseAddress(fd)
        guard address.withSockAddr({ Glibc.bind(fd, $0, $1) }) == 0 else { throw .system("bind \(address)") }
        let bound = SocketAddress.of(fd, peer: false) ?? address
        let socket = ListeningSocket(descriptor: descriptor, reactor: reactor, bound: bound)
        if listens { try socket.listen(backlog: backlog) }
        return socket
    }

    /// Starts accepting connections into a backlog of `backlog` (again: no effect).
    public func listen(backlog: Int32 = 511) throws(SocketError) {
        try descriptor.withFD { (fd: Int32) throws(SocketError) in
            guard Glibc.listen(fd, backlog) == 0 else { throw .system("listen") }
        }
    }

    private init(descriptor: Descriptor, reactor: Reactor, bound: SocketAddress) {
        self.descriptor = descriptor
        self.reactor = reactor
        localPort = bound.hostAndPort.port
        localAddress = bound.description
    }

    deinit {
        descriptor.close(reactor: reactor)
    }

    /// Waits for the next connection. Throws `closed` once `close()` runs, and `system` for resource errors
    /// such as EMFILE (the caller should back off briefly and retry).
    public func accept() async throws(SocketError) -> Socket {
        while true {
            let (fd, code) = try descriptor.withFD { listener in
                let fd = LinuxCalls.accept(listener)
                return (fd, fd < 0 ? errno : 0)
            }
            if fd >= 0 {
                try? SocketOptions.setNoDelay(fd)
                let peer = SocketAddress.of(fd, peer: true)?.description ?? "?"
                return Socket(adopting: fd, remoteAddress: peer, reactor: reactor)
            }
            switch code {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EAGAIN, EWOULDBLOCK:
                try await reactor.wait(on: descriptor, for: .readable, deadline: nil)
            default:
                throw .system("accept4", errno: code)
            }
        }
    }

    /// Stops listening; a pending `accept` fails with `closed`. Idempotent, safe from any task.
    public func close() {
        descriptor.close(reactor: reactor)
    }
}
