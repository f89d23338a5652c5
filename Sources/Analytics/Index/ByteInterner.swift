/// Dense ids for byte strings (UTF-8 text as the warehouse stores it): 1…n in order of first
/// appearance, 0 reserved for NULL. Compares bytes, as SQL equality does, never Unicode-equivalent
/// forms. An open-addressing table over one byte arena: no allocation per lookup, which matters when
/// millions of rows pass through it at start-up.
struct ByteInterner: Sendable {
    /// Every value's bytes, back to back.
    private var storage: [UInt8] = []
    /// Value `id` occupies `storage[ends[id - 1] ..< ends[id]]`; `ends[0] == 0` stands for NULL.
    private var ends: [Int] = [0]
    /// Slots holding ids (0 = empty); a power of two, at most half full.
    private var table = [UInt32](repeating: 0, count: 16)
    private var hashes: [UInt64] = [0]

    /// Number of non-NULL values.
    var count: Int { ends.count - 1 }
    /// Ids run from 0 (NULL) to `idLimit - 1`.
    var idLimit: Int { ends.count }

    /// The id of `bytes`, adding it when new.
    mutating func id(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(bytes)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let candidate = table[slot]
            if candidate == 0 { break }
            if hashes[Int(candidate)] == hash, equals(candidate, bytes) { return candidate }
            slot = (slot + 1) & mask
        }
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
        hashes.append(hash)
        let id = UInt32(ends.count - 1)
        table[slot] = id
        if count * 2 > table.count { grow() }
        return id
    }

    /// The id of `text` if it was seen, without adding it.
    func lookup(_ text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { utf8 -> UInt32? in
            let bytes = UnsafeRawBufferPointer(utf8)
            let hash = Self.hash(bytes)
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != 0 {
                let candidate = table[slot]
                if hashes[Int(candidate)] == hash, equals(candidate, bytes) { return candidate }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The value of `id`; nil for NULL (0).
    func value(_ id: UInt32) -> String? {
        guard id != 0 else { return nil }
        return String(decoding: storage[ends[Int(id) - 1]..<ends[Int(id)]], as: UTF8.self)
    }

    /// True when `id` is NULL or the empty string.
    func isEmpty(_ id: UInt32) -> Bool {
        id == 0 || ends[Int(id) - 1] == ends[Int(id)]
    }

    /// True when the value of `id` is exactly `bytes` (NULL equals nothing).
    func equals(_ id: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard id != 0 else { return false }
        let start = ends[Int(id) - 1]
        let length = ends[Int(id)] - start
        guard length == bytes.count else { return false }
        guard length > 0 else { return true }
        return storage.withUnsafeBytes { all in
            guard let base = all.baseAddress, let other = bytes.baseAddress else { return false }
            return memcmpEqual(base + start, other, length)
        }
    }

    /// Code-point order of two non-NULL values (UTF-8 byte order is code-point order), as `COLLATE "C"`.
    func precedes(_ lhs: UInt32, _ rhs: UInt32) -> Bool {
        let left = storage[ends[Int(lhs) - 1]..<ends[Int(lhs)]]
        let right = storage[ends[Int(rhs) - 1]..<ends[Int(rhs)]]
        return left.lexicographicallyPrecedes(right)
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int {
        storage.capacity + ends.capacity * MemoryLayout<Int>.stride + table.capacity * 4 + hashes.capacity * 8
    }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: table.count * 2)
        let mask = bigger.count - 1
        for id in 1..<ends.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = UInt32(id)
        }
        table = bigger
    }

    /// A fast 64-bit hash of a byte string (word-at-a-time multiply-xorshift); quality enough for a
    /// table that compares the bytes anyway.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 32
        return hash
    }
}

/// Byte equality of two regions, a word at a time.
@inline(__always)
func memcmpEqual(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        if lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            return false
        }
        index += 8
    }
    while index < count {
        if lhs.load(fromByteOffset: index, as: UInt8.self) != rhs.load(fromByteOffset: index, as: UInt8.self) { return false }
        index += 1
    }
    return true
}
