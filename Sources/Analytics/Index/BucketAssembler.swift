import Foundation

/// Turns the events of one bucket, already reduced to dense ids, into an `IndexBucket`. Keeps its
/// scratch arrays between buckets, so a build allocates little beyond the buckets themselves.
struct BucketAssembler {
    /// One event, as ids. `UInt32.max` marks a missing product, client, session or user.
    struct Entry {
        var bucket: Int
        var combo: UInt32
        var productKey: UInt32
        var client: UInt32
        var session: UInt32
        var user: UInt32

        static let none = UInt32.max
    }

    /// One event's non-NULL `order_total`.
    struct Total {
        var bucket: Int
        var combo: UInt32
        var amount: Decimal
    }

    private var cells = CellAccumulator()
    private var cellPositions: [UInt32] = []
    private var rows: [(session: UInt32, client: UInt32, user: UInt32, cell: UInt32)] = []
    private var pairScratch: [UInt64] = []

    /// The bucket `number` from its events and their totals.
    mutating func make(number: Int, entries: ArraySlice<Entry>, totals: ArraySlice<Total>,
                       comboCount: Int, productKeyCount: Int) -> IndexBucket {
        cells.prepare(combos: comboCount, productKeys: productKeyCount)
        if cellPositions.count < comboCount { cellPositions += [UInt32](repeating: 0, count: comboCount - cellPositions.count) }
        for entry in entries {
            cells.addCombo(entry.combo, 1)
            if entry.productKey != Entry.none { cells.addProduct(entry.productKey, 1) }
        }
        for total in totals { cells.addRevenue(total.combo, total.amount) }
        let table = cells.make()
        for (position, combo) in table.combos.enumerated() { cellPositions[Int(combo)] = UInt32(position) }
        rows.removeAll(keepingCapacity: true)
        for entry in entries where entry.session != Entry.none || entry.client != Entry.none || entry.user != Entry.none {
            rows.append((entry.session, entry.client, entry.user, cellPositions[Int(entry.combo)]))
        }
        return IndexBucket(number: number, events: entries.count, cells: table,
                           members: MemberTable.make(&rows, pairScratch: &pairScratch))
    }
}
