#if canImport(Glibc)
import Glibc
#endif

/// A connected, non-blocking TCP socket. Reads and writes suspend on the reactor instead of blocking a thread.
/// A socket has at most one waiting task at a time (one connection = one task).
public final class Socket: Sendable {
    private let descriptor: Descriptor
    private let reactor: Reactor
    /// The peer as `host:port` (`[::1]:port` for IPv6), for logs.
    public let remoteAddress: String

    init(adopting fd: Int32, remoteAddress: String, reactor: Reactor) {
        descriptor = Descriptor(fd)
        self.reactor = reactor
        self.remoteAddress = remoteAddress
    }

    deinit {
        descriptor.close(reactor: reactor)
    }

    /// Connects to `host:port` (numeric or resolvable), waiting on the reactor until `deadline`. `localHost`
    /// binds the local end first (a numeric address of this machine, such as 127.0.0.2), any port.
    public static func connect(
        host: String, port: Int, from localHost: String? = nil, deadline: ContinuousClock.Instant? = nil,
        reactor: Reactor? = nil
    ) async throws(SocketError) -> Socket {
        let reactor = try Reactor.given(reactor)
        let address = try SocketAddress.resolve(host: host, port: port, passive: false)
        let fd = try SocketOptions.makeStreamSocket(family: address.family)
        let socket = Socket(adopting: fd, remoteAddress: address.description, reactor: reactor)
        if let localHost {
            let local = try SocketAddress.resolve(host: localHost, port: 0, passive: false)
            let bound = try socket.descriptor.withFD { fd in local.withSockAddr { Glibc.bind(fd, $0, $1) == 0 ? 0 : errno } }
            if bound != 0 {
                throw .system("bind \(localHost)", errno: bound)
            }
        }
        let started = try socket.descriptor.withFD { fd in
            address.withSockAddr { Glibc.connect(fd, $0, $1) == 0 ? 0 : errno }
        }
        if started != 0 {
            guard started == EINPROGRESS || started == EINTR else { throw .system("connect", errno: started) }
            try await reactor.wait(on: socket.descriptor, for: .writable, deadline: deadline)
            let pending = try socket.descriptor.withFD { fd throws(SocketError) in try SocketOptions.pendingError(fd) }
            if pending != 0 {
                throw .system("connect", errno: pending)
            }
        }
        try socket.descriptor.withFD { fd throws(SocketError) in try SocketOptions.setNoDelay(fd) }
        return socket
    }

    /// Reads up to `maxBytes` and appends them to `buffer`. Returns the count appended; 0 means the peer
    /// closed (or reset) the connection.
    public func read(
        appendingTo buffer: inout [UInt8], maxBytes: Int, deadline: ContinuousClock.Instant?
    ) async throws(SocketError) -> Int {
        while true {
            // recv into scratch space on the stack, then one append of what arrived: no allocation per read
            // and no zero-filling of a buffer that is mostly unused (requests are small).
            let (count, code) = try descriptor.withFD { fd in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxBytes) { chunk in
                    let count = recv(fd, chunk.baseAddress, maxBytes, 0)
                    if count > 0 {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<count]))
                    }
                    return (count, count < 0 ? errno : 0)
                }
            }
            if count >= 0 {
                return count
            }
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                try await reactor.wait(on: descriptor, for: .readable, deadline: deadline)
            case ECONNRESET:
                return 0
            default:
                throw .system("recv", errno: code)
            }
        }
    }

    /// Writes all of `bytes`, waiting for buffer space until `deadline`. Throws `peerClosed` on EPIPE/ECONNRESET.
    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant?) async throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let (count, code) = try descriptor.withFD { fd in Self.send(fd, bytes, from: offset) }
            if count >= 0 {
                offset += count
                continue
            }
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                try await reactor.wait(on: descriptor, for: .writable, deadline: deadline)
            case EPIPE, ECONNRESET:
                throw .peerClosed
            default:
                throw .system("send", errno: code)
            }
        }
    }

    /// One non-blocking attempt to send `bytes`; returns whether all of them went out. For fast refusals (503).
    @discardableResult
    public func writeNow(_ bytes: [UInt8]) -> Bool {
        let count = (try? descriptor.withFD { fd in Self.send(fd, bytes, from: 0).count }) ?? -1
        return count == bytes.count
    }

    /// Half-closes the connection: the peer sees end-of-stream while we can still read what it sends.
    public func shutdownWrite() {
        _ = try? descriptor.withFD { fd in shutdown(fd, Int32(SHUT_WR)) }
    }

    /// Closes the socket, failing a waiting read or write with `closed`. Safe from any task; idempotent.
    public func close() {
        descriptor.close(reactor: reactor)
    }

    public var isClosed: Bool { descriptor.isClosed }

    private static func send(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> (count: Int, errno: Int32) {
        let count = bytes.withUnsafeBytes { buffer in
            Glibc.send(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
        }
        return (count, count < 0 ? errno : 0)
    }
}
