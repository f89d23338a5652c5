#if canImport(Glibc)
import Glibc
#endif

/// Why a socket operation failed; `system` carries the failing call, `errno` and `strerror` text.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A syscall failed with an errno other than the hang-up and would-block cases.
    case system(operation: String, errno: Int32, message: String)
    /// The socket was closed (by this process) before or while the operation ran.
    case closed
    /// The peer hung up (EPIPE/ECONNRESET) while we were writing.
    case peerClosed
    /// The operation's deadline passed before the socket became ready.
    case timedOut
    /// The waiting task was cancelled.
    case cancelled
    /// The host/port could not be turned into an address.
    case invalidAddress(String)
    /// A second task tried to wait on a descriptor that already has a waiter (a programming error).
    case alreadyWaiting

    /// Captures `errno` and its `strerror` text for `operation`.
    static func system(_ operation: String, errno code: Int32 = errno) -> SocketError {
        .system(operation: operation, errno: code, message: String(cString: strerror(code)))
    }

    public var description: String {
        switch self {
        case let .system(operation, code, message): "\(operation) failed: \(message) (errno \(code))"
        case .closed: "socket closed"
        case .peerClosed: "connection closed by peer"
        case .timedOut: "socket operation timed out"
        case .cancelled: "socket operation cancelled"
        case let .invalidAddress(detail): "invalid address: \(detail)"
        case .alreadyWaiting: "another task is already waiting on this socket"
        }
    }
}
