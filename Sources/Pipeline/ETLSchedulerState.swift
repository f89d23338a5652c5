import Foundation
import Synchronization

/// The scheduler's live state, shared between the scheduling task and readers such as the dashboard's
/// pipeline page: updates and snapshots under a mutex, never awaited.
public final class ETLSchedulerState: Sendable {
    private let status: Mutex<ETLSchedulerStatus>

    public init(interval: Duration) {
        status = Mutex(ETLSchedulerStatus(interval: interval))
    }

    /// A consistent copy of the current state.
    public func snapshot() -> ETLSchedulerStatus {
        status.withLock { $0 }
    }

    public func runStarted(at date: Date = Date()) {
        status.withLock {
            $0.isRunning = true
            $0.runningSince = date
            $0.lastStartedAt = date
            $0.nextRunAt = nil
        }
    }

    public func runSucceeded(_ summary: ETLSummary, at date: Date = Date()) {
        status.withLock {
            $0.isRunning = false
            $0.runningSince = nil
            $0.lastFinishedAt = date
            $0.lastOutcome = .succeeded
            $0.lastSummary = summary
            $0.lastSucceededAt = date
            $0.lastError = nil
            $0.consecutiveFailures = 0
        }
    }

    public func runSkipped(at date: Date = Date()) {
        status.withLock {
            $0.isRunning = false
            $0.runningSince = nil
            $0.lastFinishedAt = date
            $0.lastOutcome = .skipped
        }
    }

    public func runFailed(_ error: any Error, at date: Date = Date()) {
        status.withLock {
            $0.isRunning = false
            $0.runningSince = nil
            $0.lastFinishedAt = date
            $0.lastOutcome = .failed
            $0.lastError = String(String(describing: error).prefix(500))
            $0.consecutiveFailures += 1
        }
    }

    public func nextRun(at date: Date?) {
        status.withLock { $0.nextRunAt = date }
    }

    /// The wait before the next attempt: the interval after a success, a growing backoff after failures
    /// (30 s, 1 min, 2 min … never more than the interval), with ±10% jitter so several servers spread out.
    public func delayBeforeNextRun() -> Duration {
        let (interval, failures) = status.withLock { ($0.interval, $0.consecutiveFailures) }
        var delay = interval
        if failures > 0 {
            let backoff = Duration.seconds(30) * (1 << min(failures - 1, 10))
            delay = min(backoff, interval)
        }
        return delay * Double.random(in: 0.9...1.1)
    }
}
