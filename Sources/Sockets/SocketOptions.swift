#if canImport(Glibc)
import Glibc
#endif

/// Thin, checked wrappers over socket(2) and setsockopt(2).
enum SocketOptions {
    /// A non-blocking, close-on-exec TCP socket of `family`.
    static func makeStreamSocket(family: Int32) throws(SocketError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(family, type, 0)
        guard fd >= 0 else { throw .system("socket") }
        return fd
    }

    static func setReuseAddress(_ fd: Int32) throws(SocketError) {
        try set(fd, level: SOL_SOCKET, option: SO_REUSEADDR, value: 1, name: "setsockopt(SO_REUSEADDR)")
    }

    /// Disables Nagle: responses are written whole, so waiting for more bytes only adds latency.
    static func setNoDelay(_ fd: Int32) throws(SocketError) {
        try set(fd, level: Int32(IPPROTO_TCP), option: TCP_NODELAY, value: 1, name: "setsockopt(TCP_NODELAY)")
    }

    /// The error of a finished non-blocking connect (SO_ERROR); 0 means connected.
    static func pendingError(_ fd: Int32) throws(SocketError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { throw .system("getsockopt(SO_ERROR)") }
        return value
    }

    private static func set(_ fd: Int32, level: Int32, option: Int32, value: Int32, name: String) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .system(name)
        }
    }
}
