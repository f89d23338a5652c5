/// A visit placed in time. It stores only the seed of the visit's own generator: the events are
/// simulated again from it when written, so a month of plans stays a few bytes per visit.
struct SessionPlan: Sendable {
    var startMillis: Int64
    var seed: UInt64
    /// How many of the simulated events to keep (the last visit is cut to hit the total exactly).
    var eventCount: Int
}
