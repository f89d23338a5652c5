import Foundation
import Money

/// Event counts of one bucket or day: per combination (ascending), the summed order totals of
/// combinations that have any, and per product key (product events only, ascending).
struct CellTable: Sendable {
    /// A combination's summed non-NULL `order_total`.
    struct Revenue: Sendable {
        let combo: UInt32
        let total: Amount
    }

    let combos: [UInt32]
    let counts: [UInt32]
    let revenue: [Revenue]
    let productKeys: [UInt32]
    let productCounts: [UInt32]

    /// Events whose combination `matches`.
    @inline(__always)
    func events(where matches: UnsafeBufferPointer<Bool>) -> Int {
        var total = 0
        combos.withUnsafeBufferPointer { combos in
            counts.withUnsafeBufferPointer { counts in
                for index in combos.indices where matches[Int(combos[index])] { total += Int(counts[index]) }
            }
        }
        return total
    }

    /// Adds the events per combination to `totals` (indexed by combination).
    @inline(__always)
    func addCombos(to totals: UnsafeMutableBufferPointer<Int>) {
        combos.withUnsafeBufferPointer { combos in
            counts.withUnsafeBufferPointer { counts in
                for index in combos.indices { totals[Int(combos[index])] += Int(counts[index]) }
            }
        }
    }

    /// Adds the events per product key to `totals` (indexed by key).
    @inline(__always)
    func addProducts(to totals: UnsafeMutableBufferPointer<Int>) {
        productKeys.withUnsafeBufferPointer { keys in
            productCounts.withUnsafeBufferPointer { counts in
                for index in keys.indices { totals[Int(keys[index])] += Int(counts[index]) }
            }
        }
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int {
        (combos.capacity + counts.capacity + productKeys.capacity + productCounts.capacity) * 4
            + revenue.capacity * MemoryLayout<Revenue>.stride + 5 * 32
    }
}
