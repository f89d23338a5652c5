import Synchronization

/// A thread-safe memo with a size cap, for answers that cost far more than a lookup (a user agent's ~1,300
/// regexes, a host's channel rules). Two generations approximate LRU: lookups hit the current one, or move an
/// entry up from the previous one; when the current one is full, it becomes the previous one and the oldest
/// generation is dropped. At most `2 × capacity` entries, and no list to maintain per hit.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var current: [Key: Value] = [:]
        var previous: [Key: Value] = [:]
    }

    private let capacity: Int
    private let state = Mutex(Generations())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The remembered value for `key`, or `compute(key)` remembered. Computed under the lock: decoding threads
    /// start on the same user agents at once, and computing outside it had each thread parse each one.
    func value(for key: Key, compute: (Key) -> Value) -> Value {
        state.withLock { generations in
            if let value = generations.current[key] { return value }
            let value = generations.previous[key] ?? compute(key)
            store(value, for: key, in: &generations)
            return value
        }
    }

    var count: Int { state.withLock { $0.current.count + $0.previous.count } }

    private func store(_ value: Value, for key: Key, in generations: inout Generations) {
        if generations.current.count >= capacity {
            generations.previous = generations.current
            generations.current = [:]
            generations.current.reserveCapacity(capacity)
        }
        generations.current[key] = value
    }
}
