import Foundation

/// The generated lake objects, one event each, produced lazily in visit order.
public struct DemoTrafficObjects: Sequence, Sendable {
    let plans: [SessionPlan]
    let assembler: SessionAssembler
    let prefix: String

    /// The number of objects the sequence yields.
    public var underestimatedCount: Int { plans.reduce(0) { $0 + $1.eventCount } }

    public func makeIterator() -> Iterator {
        Iterator(plans: plans, assembler: assembler, prefix: prefix)
    }

    /// Assembles one visit at a time, so memory stays at one visit's events.
    public struct Iterator: IteratorProtocol, Sendable {
        private let plans: [SessionPlan]
        private var assembler: SessionAssembler
        private let prefix: String
        private var nextPlan = 0
        private var pending: [DemoEvent] = []
        private var nextPending = 0

        init(plans: [SessionPlan], assembler: SessionAssembler, prefix: String) {
            self.plans = plans
            self.assembler = assembler
            self.prefix = prefix
        }

        public mutating func next() -> GeneratedObject? {
            while nextPending == pending.count {
                guard nextPlan < plans.count else { return nil }
                pending = assembler.assemble(plans[nextPlan])
                nextPlan += 1
                nextPending = 0
            }
            let event = pending[nextPending]
            nextPending += 1
            let hour = CivilTime(milliseconds: event.receivedAtMillis).hourPath
            return GeneratedObject(
                key: prefix + hour + "/event-" + event.eventID + ".json",
                bytes: SBWEventEncoder.encode(event),
                eventName: event.name.rawValue,
                receivedAt: Date(timeIntervalSince1970: Double(event.receivedAtMillis) / 1000))
        }
    }
}
