import Synchronization

/// At most one log line per `interval` for an event that can repeat thousands of times a second (refused
/// connections in a flood): `note()` counts an occurrence and says when to log, with how many it stands for.
final class LogThrottle: Sendable {
    private struct State {
        var lastLogged: ContinuousClock.Instant?
        var unlogged = 0
    }

    private let state = Mutex(State())
    private let interval: Duration

    init(interval: Duration) {
        self.interval = interval
    }

    /// Counts one occurrence; the number of occurrences since the last line (this one included) when a line is
    /// due now, else nil.
    func note(now: ContinuousClock.Instant = .now) -> Int? {
        state.withLock { state in
            state.unlogged += 1
            if let last = state.lastLogged, now - last < interval { return nil }
            state.lastLogged = now
            defer { state.unlogged = 0 }
            return state.unlogged
        }
    }
}
