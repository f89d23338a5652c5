import Synchronization

/// Waits for work at most until an instant. libpq calls cannot be interrupted, so on time-out the
/// work's task is cancelled (the analytics statements then cancel themselves in PostgreSQL, see
/// `PostgresPool.TaskCancellation`) and the caller answers at once: a slow warehouse costs a request its
/// deadline, not more.
struct Deadline: Sendable {
    let instant: ContinuousClock.Instant

    /// The limit in whole seconds, for messages.
    let seconds: Int

    init(after limit: Duration) {
        instant = .now + limit
        seconds = Int(limit.components.seconds)
    }

    /// The work's result, or nil when the deadline passed (or the caller was cancelled) first.
    func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T? {
        let task = Task { await work() }
        let gate = OneShot<T>()
        let instant = self.instant
        let timer = Task {
            try? await Task.sleep(until: instant, clock: .continuous)
            if gate.resolve(nil) { task.cancel() }
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                gate.arm(continuation)
                Task {
                    let value = await task.value
                    gate.resolve(value)
                    timer.cancel()
                }
            }
        } onCancel: {
            if gate.resolve(nil) { task.cancel() }
        }
    }
}

/// A continuation resumed exactly once, by whichever of the work, the timer or cancellation comes
/// first; a resolution that comes before the continuation is armed is kept until it is.
private final class OneShot<T: Sendable>: Sendable {
    private enum State {
        case waiting
        case armed(CheckedContinuation<T?, Never>)
        case resolved(T?)
        case done
    }

    private let state = Mutex(State.waiting)

    func arm(_ continuation: CheckedContinuation<T?, Never>) {
        let early: T?? = state.withLock { state in
            if case .resolved(let value) = state {
                state = .done
                return .some(value)
            }
            state = .armed(continuation)
            return .none
        }
        if let early { continuation.resume(returning: early) }
    }

    /// True when this call was the first resolution.
    @discardableResult
    func resolve(_ value: T?) -> Bool {
        let outcome: (Bool, CheckedContinuation<T?, Never>?) = state.withLock { state in
            switch state {
            case .waiting:
                state = .resolved(value)
                return (true, nil)
            case .armed(let continuation):
                state = .done
                return (true, continuation)
            case .resolved, .done:
                return (false, nil)
            }
        }
        outcome.1?.resume(returning: value)
        return outcome.0
    }
}
