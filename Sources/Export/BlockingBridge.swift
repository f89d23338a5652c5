import Dispatch
import Synchronization

/// Runs async store calls from the export's database job, which is synchronous on a thread of the pool's own
/// (never one of Swift's cooperative threads, so blocking it starves nothing): the binary COPY hands rows to
/// a callback, and the Parquet bytes it produces go to the store as they come.
enum BlockingBridge {
    /// Starts `operation` as a task and blocks this thread until it ends; its result or error.
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            outcome.result.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.result.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }

    private final class Outcome<T: Sendable>: Sendable {
        let result = Mutex<Result<T, any Error>?>(nil)
    }
}
