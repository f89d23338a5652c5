import Dispatch
import Postgres
import Synchronization

/// The session-level advisory lock that keeps two ETL runs from overlapping.
///
/// A session lock belongs to one connection, so one pooled connection is held for the whole run:
/// its job blocks its own dispatch thread (never a cooperative one) until `release()`. If the process
/// dies, the server ends the session and the lock goes with it, so a crashed run never blocks the next.
final class ETLRunLock: Sendable {
    /// The lock id, shared by every clickstream ETL worker on this warehouse ("clicks" in ASCII).
    static let key: Int64 = 0x636C_6963_6B73

    // ETLRunLock.acquire — take the lock without waiting; false means another run holds it.
    static let tryLockSQL = "SELECT pg_try_advisory_lock($1)"
    // ETLRunLock.acquire — give it back on the same session at the end of the run.
    static let unlockSQL = "SELECT pg_advisory_unlock($1)"

    private let releaseSignal = DispatchSemaphore(value: 0)
    private let holder = Mutex<Task<Void, Never>?>(nil)
    /// Resumed exactly once: with the lock's outcome, or with the error that prevented asking.
    private let outcome = Mutex<CheckedContinuation<Bool, any Error>?>(nil)

    private init() {}

    /// The lock, or nil when another run holds it.
    static func acquire(pool: PostgresPool) async throws -> ETLRunLock? {
        let lock = ETLRunLock()
        let acquired: Bool = try await withCheckedThrowingContinuation { continuation in
            lock.outcome.withLock { $0 = continuation }
            let task = Task {
                do {
                    try await pool.withConnection { connection in
                        let result = try connection.query(tryLockSQL, [key])
                        let isHeld = try result.first?.decode(Bool.self, at: 0) ?? false
                        lock.outcome.withLock { $0.take() }?.resume(returning: isHeld)
                        guard isHeld else { return }
                        lock.releaseSignal.wait()
                        _ = try? connection.query(unlockSQL, [key])
                    }
                } catch {
                    // Reached only if the lock was never reported (a lost connection after it simply drops the lock).
                    lock.outcome.withLock { $0.take() }?.resume(throwing: error)
                }
            }
            lock.holder.withLock { $0 = task }
        }
        guard acquired else {
            await lock.holder.withLock { $0 }?.value
            return nil
        }
        return lock
    }

    /// Unlocks and returns the connection to the pool.
    func release() async {
        releaseSignal.signal()
        await holder.withLock { $0 }?.value
    }
}
