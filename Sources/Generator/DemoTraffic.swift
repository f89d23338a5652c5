import Foundation

/// A synthetic but realistic month of clickstream traffic for a Vietnamese electronics shop,
/// in the SBW ingest dialect, one event per file. Deterministic for a given seed and end date.
public struct DemoTraffic: Sendable {
    /// What to generate.
    public struct Configuration: Sendable {
        /// Days of traffic, ending at `end`.
        public var days = 30
        /// Total events, exactly.
        public var events = 60_000
        /// The same seed and end give byte-identical output.
        public var seed: UInt64 = 42
        /// The end of the window (exclusive); every receipt time lies in [end - days, end).
        public var end: Date = .now
        /// Key prefix in the lake.
        public var prefix = "events/"
        /// Writes in flight at once: many small files are latency-bound, not bandwidth-bound.
        public var concurrency = 16

        public init() {}
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Receipt times are whole milliseconds, as in the payload; the window's ends are rounded to them.
    var windowMillis: (start: Int64, end: Int64) {
        let end = Int64((configuration.end.timeIntervalSince1970 * 1000).rounded(.down))
        return (end - Int64(configuration.days) * 86_400_000, end)
    }

    /// The objects to write, in visit order, generated lazily; `write(to:logger:)` stores them.
    public func objects() throws(GeneratorError) -> DemoTrafficObjects {
        try validate()
        var random = SeededRandom(seed: configuration.seed)
        // Separate streams for the schedule and the visitors: each part's draws stay stable
        // when the other changes how many values it takes.
        var scheduleRandom = random.fork()
        let assemblerRandom = random.fork()
        let simulator = SessionSimulator(catalog: Catalog())
        let window = windowMillis
        let shape = TrafficShape(startMillis: window.start, endMillis: window.end)
        let plans = TrafficSchedule.make(events: configuration.events, shape: shape, simulator: simulator, random: &scheduleRandom)
        return DemoTrafficObjects(
            plans: plans, assembler: SessionAssembler(simulator: simulator, random: assemblerRandom), prefix: configuration.prefix)
    }

    private func validate() throws(GeneratorError) {
        guard configuration.days >= 1, configuration.days <= 3_660 else {
            throw .invalidConfiguration("days must be between 1 and 3660, got \(configuration.days)")
        }
        guard configuration.events >= 0 else {
            throw .invalidConfiguration("events must not be negative, got \(configuration.events)")
        }
        guard configuration.concurrency >= 1 else {
            throw .invalidConfiguration("concurrency must be at least 1, got \(configuration.concurrency)")
        }
    }
}
