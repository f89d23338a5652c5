#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// An epoll loop on one dedicated thread. Tasks try their syscall first; on EAGAIN they call `wait`, which
/// suspends until the reactor thread resumes them.
///
/// Each descriptor is added to epoll once, edge-triggered for both directions, at its first wait; so waiting
/// costs no epoll_ctl call. An edge that arrives while nobody waits is remembered in `ready`, and the next
/// wait for that direction returns at once (the caller retries its syscall, so an early wake-up is harmless).
/// Because every caller tries the syscall until EAGAIN before waiting, no edge can be missed: readiness that
/// appears after EAGAIN produces an edge, which either finds the waiter or is remembered.
///
/// Invariant: each waiter lives in `state.registrations[fd].waiter` from arming until exactly one party
/// removes it under the lock — the reactor thread (ready or deadline passed), cancellation, `forget` (close),
/// or a failed `epoll_ctl` — and only the remover resumes its continuation, so every continuation resumes
/// exactly once. `forget` runs under the descriptor's lock, like arming, so a closed (and possibly reused)
/// descriptor number never keeps a registration. That exactly-once rule is also why the continuations can be
/// unsafe ones (a checked one allocates a box per wait, and waits happen once per request).
public final class Reactor: Sendable {
    struct Waiter {
        let id: UInt32
        let continuation: UnsafeContinuation<Result<Void, SocketError>, Never>
        let deadline: ContinuousClock.Instant?
        let interest: UInt32
    }

    struct Registration {
        var waiter: Waiter?
        /// Events seen while no waiter wanted them.
        var ready: UInt32 = 0
    }

    struct State {
        var registrations: [Int32: Registration] = [:]
    }

    private let epollFD: Int32
    private let state = Mutex(State())
    /// Waiter ids, so a late cancellation or expiry cannot resume a later wait on the same descriptor.
    private let nextID = Atomic<UInt32>(0)
    /// How often the loop wakes to expire deadlines; timeouts are precise to about this much.
    static let tick: Duration = .milliseconds(100)
    /// Conditions that end a connection: once seen they stay ready for every later wait.
    private static let sticky = LinuxCalls.epollErr | LinuxCalls.epollHup | LinuxCalls.epollRDHup

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
        let fd = LinuxCalls.createEpoll()
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
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let interest = event == .readable
            ? LinuxCalls.epollIn | Self.sticky
            : LinuxCalls.epollOut | LinuxCalls.epollErr | LinuxCalls.epollHup
        let result = await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let waiter = Waiter(id: id, continuation: continuation, deadline: deadline, interest: interest)
                do throws(SocketError) {
                    // Arming under the descriptor's lock serializes it with close(), which forgets the fd.
                    try descriptor.withFD { current throws(SocketError) in arm(fd: current, waiter: waiter) }
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
        guard let registration = state.withLock({ $0.registrations.removeValue(forKey: fd) }) else { return }
        _ = LinuxCalls.remove(fd, from: epollFD)
        registration.waiter?.continuation.resume(returning: .failure(.closed))
    }

    private enum Arming {
        case waiting(isNew: Bool)
        case readyNow
        case busy
    }

    private func arm(fd: Int32, waiter: Waiter) {
        let arming = state.withLock { state -> Arming in
            var registration = state.registrations[fd] ?? Registration()
            let isNew = state.registrations[fd] == nil
            if registration.waiter != nil {
                return .busy
            }
            if registration.ready & waiter.interest != 0 {
                registration.ready &= ~(waiter.interest & ~Self.sticky)
                state.registrations[fd] = registration
                return .readyNow
            }
            registration.waiter = waiter
            state.registrations[fd] = registration
            return .waiting(isNew: isNew)
        }
        switch arming {
        case .busy:
            waiter.continuation.resume(returning: .failure(.alreadyWaiting))
        case .readyNow:
            waiter.continuation.resume(returning: .success(()))
        case let .waiting(isNew):
            // The cancellation handler may have run before the waiter was stored; it found nothing to resume.
            if Task.isCancelled {
                resume(fd: fd, id: waiter.id, with: .failure(.cancelled))
                return
            }
            guard isNew else { return }
            let events = LinuxCalls.epollIn | LinuxCalls.epollOut | LinuxCalls.epollRDHup | LinuxCalls.epollEdgeTriggered
            if LinuxCalls.add(fd, to: epollFD, events: events) == -1 {
                let error = SocketError.system("epoll_ctl")
                let failed = state.withLock { $0.registrations.removeValue(forKey: fd) }
                failed?.waiter?.continuation.resume(returning: .failure(error))
            }
        }
    }

    private func resume(fd: Int32, id: UInt32, with result: Result<Void, SocketError>) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.registrations[fd]?.waiter, waiter.id == id else { return nil }
            state.registrations[fd]?.waiter = nil
            return waiter
        }
        waiter?.continuation.resume(returning: result)
    }

    /// Wakes the waiter on `fd` if it wants `events`; otherwise remembers them for the next wait.
    private func deliver(_ events: UInt32, to fd: Int32) {
        let waiter = state.withLock { state -> Waiter? in
            guard var registration = state.registrations[fd] else { return nil }
            defer { state.registrations[fd] = registration }
            guard let waiter = registration.waiter, events & waiter.interest != 0 else {
                registration.ready |= events
                return nil
            }
            registration.waiter = nil
            registration.ready |= events & (~waiter.interest | Self.sticky)
            return waiter
        }
        waiter?.continuation.resume(returning: .success(()))
    }

    private func runLoop() {
        let events = UnsafeMutableBufferPointer<LinuxCalls.Event>.allocate(capacity: 512)
        defer { events.deallocate() }
        let tickMilliseconds = Int32(Self.tick.components.attoseconds / 1_000_000_000_000_000)
        var nextExpiry = ContinuousClock.now + Self.tick
        while true {
            let count = LinuxCalls.wait(epollFD, into: events, timeoutMilliseconds: tickMilliseconds)
            for event in events.prefix(max(Int(count), 0)) {
                deliver(event.events, to: event.fd)
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
            var expired: [Waiter] = []
            for (fd, registration) in state.registrations {
                guard let waiter = registration.waiter, let deadline = waiter.deadline, deadline <= now else { continue }
                state.registrations[fd]?.waiter = nil
                expired.append(waiter)
            }
            return expired
        }
        for waiter in expired {
            waiter.continuation.resume(returning: .failure(.timedOut))
        }
    }
}
