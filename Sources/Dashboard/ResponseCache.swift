import Synchronization

/// Finished response bodies (JSON, CSV or the page, gzipped or not) by data version, normalized query
/// and encoding, so a repeated request neither recomputes nor re-compresses. Bounded by entry count
/// and total bytes; the least recently used entry goes first. Entries of older data versions are
/// never asked for again and age out the same way.
final class ResponseCache: Sendable {
    /// One stored representation.
    struct Entry: Sendable {
        let body: [UInt8]
        let contentType: String
        /// `gzip`, or nil for the identity form.
        let contentEncoding: String?
        /// Extra headers of the representation (`ETag`, `Content-Disposition`).
        let headers: [(name: String, value: String)]
    }

    private struct Slot {
        var entry: Entry
        var lastUsed: UInt64
    }

    private struct State {
        var slots: [String: Slot] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    let maxEntries: Int
    let maxBytes: Int
    private let state = Mutex(State())

    /// `maxEntries == 0` turns the cache off.
    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
    }

    var isEnabled: Bool { maxEntries > 0 && maxBytes > 0 }

    func value(for key: String) -> Entry? {
        guard isEnabled else { return nil }
        return state.withLock { state in
            state.clock += 1
            guard var slot = state.slots[key] else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            slot.lastUsed = state.clock
            state.slots[key] = slot
            return slot.entry
        }
    }

    /// Stores `entry` unless it alone is larger than a quarter of the budget, then evicts the least
    /// recently used entries until both bounds hold again.
    func store(_ entry: Entry, for key: String) {
        guard isEnabled, entry.body.count <= maxBytes / 4 else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.slots[key] { state.bytes -= old.entry.body.count }
            state.slots[key] = Slot(entry: entry, lastUsed: state.clock)
            state.bytes += entry.body.count
            while state.slots.count > maxEntries || state.bytes > maxBytes {
                // A linear scan: the cache holds a few hundred entries and eviction is rarer than hits.
                guard let oldest = state.slots.min(by: { $0.value.lastUsed < $1.value.lastUsed }) else { break }
                state.bytes -= oldest.value.entry.body.count
                state.slots.removeValue(forKey: oldest.key)
            }
        }
    }

    /// Entries, bytes held, hits and misses, for `/metrics`.
    var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        state.withLock { ($0.slots.count, $0.bytes, $0.hits, $0.misses) }
    }
}
