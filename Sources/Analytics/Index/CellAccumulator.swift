import Foundation
import Money

/// Sums counts per combination and per product key into a `CellTable`, with scratch arrays kept
/// between tables (dense counters plus the list of touched keys), so summing costs no hashing.
struct CellAccumulator {
    private var comboCounts: [UInt32] = []
    private var touchedCombos: [UInt32] = []
    private var productCounts: [UInt32] = []
    private var touchedProducts: [UInt32] = []
    private var revenue: [UInt32: Amount] = [:]

    /// Makes room for combination ids below `combos` and product keys below `productKeys`.
    mutating func prepare(combos: Int, productKeys: Int) {
        if comboCounts.count < combos { comboCounts += [UInt32](repeating: 0, count: combos - comboCounts.count) }
        if productCounts.count < productKeys {
            productCounts += [UInt32](repeating: 0, count: productKeys - productCounts.count)
        }
    }

    @inline(__always)
    mutating func addCombo(_ combo: UInt32, _ count: UInt32) {
        if comboCounts[Int(combo)] == 0 { touchedCombos.append(combo) }
        comboCounts[Int(combo)] += count
    }

    @inline(__always)
    mutating func addProduct(_ key: UInt32, _ count: UInt32) {
        if productCounts[Int(key)] == 0 { touchedProducts.append(key) }
        productCounts[Int(key)] += count
    }

    mutating func addRevenue(_ combo: UInt32, _ amount: Amount) {
        revenue[combo, default: .zero] += amount
    }

    /// Everything added since the last call, leaving the counters zeroed.
    mutating func make() -> CellTable {
        let (combos, counts) = Self.drain(&touchedCombos, &comboCounts)
        let (keys, keyCounts) = Self.drain(&touchedProducts, &productCounts)
        let sums = revenue.sorted { $0.key < $1.key }.map { CellTable.Revenue(combo: $0.key, total: $0.value) }
        revenue.removeAll(keepingCapacity: true)
        return CellTable(combos: combos, counts: counts, revenue: sums, productKeys: keys, productCounts: keyCounts)
    }

    private static func drain(_ touched: inout [UInt32], _ counts: inout [UInt32]) -> ([UInt32], [UInt32]) {
        touched.sort()
        let keys = touched.map { $0 }  // a new, exactly sized array: the scratch keeps its capacity
        let values = keys.map { counts[Int($0)] }
        for key in keys { counts[Int(key)] = 0 }
        touched.removeAll(keepingCapacity: true)
        return (keys, values)
    }
}
