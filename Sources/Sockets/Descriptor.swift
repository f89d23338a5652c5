#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Owns one kernel file descriptor.
///
/// Invariant: the number is only used while `value`'s lock is held, and `close` sets it to -1 under that same
/// lock after removing it from the reactor, so no syscall or epoll arming ever runs on a closed (and possibly
/// reused) descriptor number. Every use is a non-blocking call, so the lock is held only briefly.
final class Descriptor: Sendable {
    private let value: Mutex<Int32>

    init(_ fd: Int32) {
        value = Mutex(fd)
    }

    deinit {
        value.withLock { fd in
            if fd >= 0 {
                _ = Glibc.close(fd)
            }
        }
    }

    var isClosed: Bool { value.withLock { $0 < 0 } }

    /// Runs `body` with the open descriptor; throws `closed` once `close` has run.
    func withFD<T: Sendable>(_ body: (Int32) throws(SocketError) -> T) throws(SocketError) -> T {
        try value.withLock { (fd: inout Int32) throws(SocketError) -> T in
            guard fd >= 0 else { throw .closed }
            return try body(fd)
        }
    }

    /// Fails any waiter with `closed`, removes the descriptor from epoll and closes it. Idempotent.
    func close(reactor: Reactor) {
        value.withLock { fd in
            guard fd >= 0 else { return }
            reactor.forget(fd)
            // Linux releases the descriptor even when close reports EINTR, so it is never retried.
            _ = Glibc.close(fd)
            fd = -1
        }
    }
}
