import Synchronization

/// Runs handlers under the request time limit. Each handler runs in its own task; the connection awaits it
/// through a continuation that either the handler's completion, the limit (checked by `tick`, which the
/// server calls every 100 ms) or the connection's cancellation resumes — whichever comes first, exactly once
/// (the entry is removed under the lock by the one that resumes it). On the limit or cancellation the
/// handler task is cancelled and abandoned, so a handler that ignores cancellation cannot hold up the
/// connection or shutdown.
///
/// The handler's task starts with `Task.immediate`: it runs on the connection's thread until its first
/// suspension, so a handler that answers without suspending costs no trip through the executor (two thread
/// hand-offs per request with a plain `Task`). The continuation is unsafe (no checking box): the
/// exactly-once rule above is what makes it correct.
final class HandlerRunner: Sendable {
    enum Outcome: Sendable {
        case finished(Result<HTTPResponse, any Error>)
        case timedOut
        case cancelled
    }

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let continuation: UnsafeContinuation<Outcome, Never>
        var task: Task<Void, Never>?
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let limit: Duration

    init(limit: Duration) {
        self.limit = limit
    }

    func run(_ handler: @escaping HTTPHandler, _ request: HTTPRequest) async -> Outcome {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let deadline = ContinuousClock.now + limit
                let isCancelled = Task.isCancelled
                state.withLock { $0.entries[id] = Entry(deadline: deadline, continuation: continuation) }
                if isCancelled {
                    finish(id, .cancelled)
                    return
                }
                let task = Task.immediate {
                    let result: Result<HTTPResponse, any Error>
                    do {
                        result = .success(try await handler(request))
                    } catch {
                        result = .failure(error)
                    }
                    self.finish(id, .finished(result))
                }
                let isStored = state.withLock { state in
                    state.entries[id]?.task = task
                    return state.entries[id] != nil
                }
                if !isStored {
                    task.cancel()
                }
            }
        } onCancel: {
            finish(id, .cancelled)
        }
    }

    /// Resumes the connection waiting on `id` with `outcome` unless another party already did.
    private func finish(_ id: UInt64, _ outcome: Outcome) {
        guard let entry = state.withLock({ $0.entries.removeValue(forKey: id) }) else { return }
        if case .finished = outcome {} else {
            entry.task?.cancel()
        }
        entry.continuation.resume(returning: outcome)
    }

    /// Times out every handler past its limit.
    func tick(now: ContinuousClock.Instant = .now) {
        let expired = state.withLock { state in
            state.entries.filter { $0.value.deadline <= now }.map(\.key)
        }
        for id in expired {
            finish(id, .timedOut)
        }
    }

    var isEmpty: Bool { state.withLock { $0.entries.isEmpty } }
}
