/// Dense ids for 128-bit keys (UUIDs, packed dimension combinations): keys by id in one array, an
/// open-addressing table of ids over them. Several times faster than a `Dictionary` with SipHash
/// for the tens of millions of lookups of a start-up build, and smaller.
struct WideKeyTable: Sendable {
    /// `keys[id]`; ids may have placeholder keys (`reserve()`) that the table never holds.
    private(set) var keys: [UInt128] = []
    /// Slots holding `id + 1` (0 = empty); a power of two, at most 60% full.
    private var slots = [UInt32](repeating: 0, count: 16)
    private var filled = 0

    /// Number of ids handed out.
    var count: Int { keys.count }

    /// The id of `key`, adding it as the next id when new.
    mutating func id(_ key: UInt128) -> UInt32 {
        let mask = slots.count - 1
        var slot = Self.slot(key, mask)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if keys[Int(stored - 1)] == key { return stored - 1 }
            slot = (slot + 1) & mask
        }
        let id = UInt32(keys.count)
        keys.append(key)
        slots[slot] = id + 1
        filled += 1
        if filled * 5 > slots.count * 3 { grow() }
        return id
    }

    /// Hands out the next id without a key (an id shared with another table), returning it.
    mutating func reserve() -> UInt32 {
        keys.append(0)
        return UInt32(keys.count - 1)
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int { keys.capacity * 16 + slots.capacity * 4 }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for stored in slots where stored != 0 {
            var slot = Self.slot(keys[Int(stored - 1)], mask)
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = stored
        }
        slots = bigger
    }

    @inline(__always)
    private static func slot(_ key: UInt128, _ mask: Int) -> Int {
        var hash = UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: key >> 64)
        hash = (hash ^ (hash >> 31)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & mask
    }
}
