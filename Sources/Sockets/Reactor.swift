#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// An epoll loop on one dedicated thread. Tasks try their syscall first; on EAGAIN they call `wait`, which
/// arms the descriptor one-shot (EPOLLONESHOT) and suspends until the reactor thread resumes them.
///
/// Invariant: each waiter lives in `state.waiters` from arming until exactly one party removes it under the
/// lock — the reactor thread (ready or deadline passed), cancellation, `forget` (close), or a failed
/// `epoll_ctl` — and only the remover resumes its continuation, so every continuation resumes exactly once.
public final class Reactor: Sendable {
    struct Waiter {
        let id: UInt32
        let continuation: CheckedContinuation<Result<Void, SocketError>, Never>
        let deadline: ContinuousClock.Instant?
    }

    struct State {
        var waiters: [Int32: Waiter] = [:]
        var nextID: UInt32 = 0
    }

    private let epollFD: Int32
    private let calls: LinuxCalls.Functions
    private let state = Mutex(State())
    /// How often the loop wakes to expire deadlines; timeouts are precise to about this much.
    static let tick: Duration = .milliseconds(100)

    private static let sharedReactor = Result { () throws(SocketError) -> Reactor in try Reactor() }

    /// The process-wide reactor, started on first use; it lives as long as the process.
    public static func shared() throws(SocketError) -> Reactor {
        try sharedReactor.get()
    }

    /// `reactor`, or the shared one when nil.
    static func given(_ reactor: Reactor?) throws(SocketError) -> Reactor {
        if let reactor {
            return reactor
        }
        return try shared()
    }

    /// Creates a reactor and starts its thread. Also ignores SIGPIPE process-wide (writes use MSG_NOSIGNAL too).
    public init() throws(SocketError) {
        calls = try LinuxCalls.resolved()
        let fd = calls.create1(LinuxCalls.epollCloexec)
        guard fd >= 0 else { throw .system("epoll_create1") }
        epollFD = fd
        _ = signal(SIGPIPE, SIG_IGN)
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "clickstream-reactor"
        thread.start()
    }

    /// Suspends until the descriptor is ready for `event`, the deadline passes (`timedOut`), the task is
    /// cancelled (`cancelled`) or the descriptor is closed (`closed`). Readiness may be spurious: retry the call.
    func wait(on descriptor: Descriptor, for event: IOEvent, deadline: ContinuousClock.Instant?) async throws(SocketError) {
        let fd = try descriptor.withFD { $0 }
        let id = state.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let waiter = Waiter(id: id, continuation: continuation, deadline: deadline)
                do throws(SocketError) {
                    // Arming under the descriptor's lock serializes it with close(), which forgets the fd.
                    try descriptor.withFD { current throws(SocketError) in
                        arm(fd: current, id: id, event: event, waiter: waiter)
                    }
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        } onCancel: {
            resume(fd: fd, id: id, with: .failure(.cancelled))
        }
        if case let .failure(error) = result {
            throw error
        }
    }

    /// Fails any waiter on `fd` with `closed` and removes `fd` from epoll. `Descriptor.close` calls it.
    func forget(_ fd: Int32) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: fd) }
        _ = calls.ctl(epollFD, LinuxCalls.ctlDel, fd, nil)
        waiter?.continuation.resume(returning: .failure(.closed))
    }

    private func arm(fd: Int32, id: UInt32, event: IOEvent, waiter: Waiter) {
        let busy = state.withLock { state in
            if state.waiters[fd] != nil {
                return true
            }
            state.waiters[fd] = waiter
            return false
        }
        if busy {
            waiter.continuation.resume(returning: .failure(.alreadyWaiting))
            return
        }
        // The cancellation handler may have run before the waiter was stored; it found nothing to resume.
        if Task.isCancelled {
            resume(fd: fd, id: id, with: .failure(.cancelled))
            return
        }
        let interest = event == .readable ? LinuxCalls.epollIn | LinuxCalls.epollRDHup : LinuxCalls.epollOut
        let events = interest | LinuxCalls.epollOneShot
        let data = UInt64(id) << 32 | UInt64(UInt32(bitPattern: fd))
        var rc = LinuxCalls.control(calls, epoll: epollFD, op: LinuxCalls.ctlMod, fd: fd, events: events, data: data)
        if rc == -1 && errno == ENOENT {
            rc = LinuxCalls.control(calls, epoll: epollFD, op: LinuxCalls.ctlAdd, fd: fd, events: events, data: data)
        }
        if rc == -1 {
            resume(fd: fd, id: id, with: .failure(.system("epoll_ctl")))
        }
    }

    private func resume(fd: Int32, id: UInt32, with result: Result<Void, SocketError>) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiters[fd], waiter.id == id else { return nil }
            state.waiters[fd] = nil
            return waiter
        }
        waiter?.continuation.resume(returning: result)
    }

    private func runLoop() {
        let capacity = 512
        let events = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * LinuxCalls.eventSize, alignment: 8)
        defer { events.deallocate() }
        let tickMilliseconds = Int32(Self.tick.components.attoseconds / 1_000_000_000_000_000)
        var nextExpiry = ContinuousClock.now + Self.tick
        while true {
            let count = calls.wait(epollFD, events.baseAddress, Int32(capacity), tickMilliseconds)
            for index in 0..<max(Int(count), 0) {
                let data = LinuxCalls.eventData(UnsafeRawBufferPointer(events), at: index)
                let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: data))
                resume(fd: fd, id: UInt32(truncatingIfNeeded: data >> 32), with: .success(()))
            }
            let now = ContinuousClock.now
            if now >= nextExpiry {
                expireWaiters(now: now)
                nextExpiry = now + Self.tick
            }
        }
    }

    private func expireWaiters(now: ContinuousClock.Instant) {
        let expired = state.withLock { state -> [Waiter] in
            let due = state.waiters.filter { $0.value.deadline.map { $0 <= now } ?? false }
            for fd in due.keys {
                state.waiters[fd] = nil
            }
            return Array(due.values)
        }
        for waiter in expired {
            waiter.continuation.resume(returning: .failure(.timedOut))
        }
    }
}
