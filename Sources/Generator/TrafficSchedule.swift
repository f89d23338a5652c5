/// Lays out visits over the window until they hold exactly the requested number of events,
/// then sorts them by start so visitors can be handed out in time order.
enum TrafficSchedule {
    static func make(events: Int, shape: TrafficShape, simulator: SessionSimulator, random: inout SeededRandom) -> [SessionPlan] {
        var plans: [SessionPlan] = []
        plans.reserveCapacity(events / 6 + 1)
        var remaining = events
        while remaining > 0 {
            let seed = random.next()
            var visitRandom = SeededRandom(seed: seed)
            let steps = simulator.simulate(using: &visitRandom)
            guard !steps.isEmpty else { continue }
            let count = min(steps.count, remaining)
            let duration = steps[count - 1].offsetMillis
            // A visit drawn near the end of the window is moved back so its last event is
            // still inside it: every receipt time lies in [start, end).
            let latestStart = shape.endMillis - 1 - duration
            let start = max(shape.startMillis, min(shape.sessionStart(using: &random), latestStart))
            plans.append(SessionPlan(startMillis: start, seed: seed, eventCount: count))
            remaining -= count
        }
        plans.sort { ($0.startMillis, $0.seed) < ($1.startMillis, $1.seed) }
        return plans
    }
}
