import Foundation

/// A snapshot of the background ETL schedule, for the pipeline page and logs.
public struct ETLSchedulerStatus: Sendable {
    /// How the last finished attempt ended.
    public enum Outcome: String, Sendable {
        case succeeded
        case failed
        /// Another process held the ETL lock; this attempt did nothing.
        case skipped
    }

    /// The time between runs when all is well.
    public var interval: Duration
    /// True while a run is in progress in this process.
    public var isRunning = false
    /// When the run in progress started.
    public var runningSince: Date?
    /// When the next run is due (nil while one runs, or once the schedule stopped).
    public var nextRunAt: Date?
    public var lastStartedAt: Date?
    public var lastFinishedAt: Date?
    public var lastOutcome: Outcome?
    /// The last successful run's summary.
    public var lastSummary: ETLSummary?
    public var lastSucceededAt: Date?
    /// The last failure's message (no secrets: errors never carry credentials).
    public var lastError: String?
    /// Failures in a row; the retry delay grows with it.
    public var consecutiveFailures = 0

    public init(interval: Duration) {
        self.interval = interval
    }
}
