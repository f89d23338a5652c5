/// Several sets of dense member ids as bit sets in one allocation: a union is setting bits, a
/// distinct count a popcount. Writers go through raw pointers, so a hot loop pays no bounds or
/// uniqueness checks per id.
struct DistinctSets {
    private var words: [UInt64]
    /// Set k occupies `words[starts[k] ..< starts[k + 1]]`.
    private let starts: [Int]

    init(capacities: [Int]) {
        var starts = [0]
        for capacity in capacities { starts.append(starts[starts.count - 1] + (capacity + 63) / 64) }
        self.starts = starts
        words = [UInt64](repeating: 0, count: starts[starts.count - 1])
    }

    /// Adds ids through a writer valid only inside `body`.
    mutating func write<R>(_ body: (Writer) -> R) -> R {
        let starts = self.starts
        return starts.withUnsafeBufferPointer { starts in
            words.withUnsafeMutableBufferPointer { words in body(Writer(words: words, starts: starts)) }
        }
    }

    /// Inserts ids into the sets.
    struct Writer {
        fileprivate let words: UnsafeMutableBufferPointer<UInt64>
        fileprivate let starts: UnsafeBufferPointer<Int>

        @inline(__always)
        func insert(_ id: UInt32, into set: Int) {
            words[starts[set] + Int(id >> 6)] |= 1 << UInt64(id & 63)
        }

        /// Inserts every id of `ids` that is not `UInt32.max` (the "none" marker).
        @inline(__always)
        func insert(_ ids: UnsafeBufferPointer<UInt32>, into set: Int) {
            let start = starts[set]
            for id in ids where id != .max { words[start + Int(id >> 6)] |= 1 << UInt64(id & 63) }
        }
    }

    /// Members of set `k`.
    func count(_ k: Int) -> Int {
        words[starts[k]..<starts[k + 1]].reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Leaves in set `k` only members also in set `other`.
    mutating func intersect(_ k: Int, with other: Int) {
        for offset in 0..<(starts[k + 1] - starts[k]) { words[starts[k] + offset] &= words[starts[other] + offset] }
    }

    /// Calls `body` with every member of set `k`, ascending.
    func forEach(_ k: Int, _ body: (Int) -> Void) {
        for index in starts[k]..<starts[k + 1] where words[index] != 0 {
            var remaining = words[index]
            while remaining != 0 {
                body((index - starts[k]) << 6 | remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
    }
}
