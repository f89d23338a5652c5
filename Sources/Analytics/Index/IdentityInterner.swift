/// Dense ids 0…n-1 for client, session or user ids, so distinct counts become bit sets. Canonical
/// lowercase UUIDs (what the collector and the generator write) are kept as 16-byte integers,
/// anything else as its bytes: both exact, the first in well under half the memory.
struct IdentityInterner {
    /// Every id; UUIDs are keys in it, other ids placeholders.
    private var table = WideKeyTable()
    private var others = ByteInterner()
    /// Dense id of each `others` id (index = its id there).
    private var otherIDs: [UInt32] = [0]
    /// A direct-mapped cache of recently seen UUIDs: rows arrive in time order, and a session's or
    /// client's events cluster in time, so most lookups hit here instead of missing the cache twice
    /// in the big table (measured: the top cost of a 10M-event build without it).
    private var recentKeys = [UInt128](repeating: 0, count: Self.recentSize)
    private var recentIDs = [UInt32](repeating: .max, count: Self.recentSize)
    private static let recentSize = 1 << 14

    var count: Int { table.count }

    /// The dense id of `bytes`, adding it when new.
    mutating func id(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        if let key = Self.uuid(bytes) {
            let slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) ^ UInt64(truncatingIfNeeded: key >> 64)) & UInt64(Self.recentSize - 1))
            if recentIDs[slot] != .max, recentKeys[slot] == key { return recentIDs[slot] }
            let id = table.id(key)
            recentKeys[slot] = key
            recentIDs[slot] = id
            return id
        }
        let local = Int(others.id(bytes))
        if local < otherIDs.count { return otherIDs[local] }
        let id = table.reserve()
        otherIDs.append(id)
        return id
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int { table.byteCount + others.byteCount + otherIDs.capacity * 4 + Self.recentSize * 20 }

    /// The 128 bits of `8-4-4-4-12` lowercase hex, or nil for any other text (which stays distinct,
    /// as in SQL: an uppercase spelling is another value).
    static func uuid(_ bytes: UnsafeRawBufferPointer) -> UInt128? {
        guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
        // Eight hex digits at a time; any byte that is not 0-9 or a-f marks its nibble 0xFF.
        @inline(__always)
        func digits(_ start: Int, _ count: Int) -> UInt64? {
            var value: UInt64 = 0
            var invalid: UInt8 = 0
            for index in start..<(start + count) {
                let nibble = Self.hexValues[Int(bytes[index])]
                invalid |= nibble
                value = value << 4 | UInt64(nibble & 0x0F)
            }
            return invalid & 0xF0 == 0 ? value : nil
        }
        guard let a = digits(0, 8), let b = digits(9, 4), let c = digits(14, 4), let d = digits(19, 4),
              let e = digits(24, 12) else { return nil }
        return UInt128(a << 32 | b << 16 | c) << 64 | UInt128(d << 48 | e)
    }

    /// Each byte's hex value when it is 0-9 or a-f, else 0xFF.
    private static let hexValues: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x30...0x39: return UInt8(byte - 0x30)
        case 0x61...0x66: return UInt8(byte - 0x57)
        default: return 0xFF
        }
    }
}
