import Foundation
import Money

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
        var amount: Amount
    }

    private var cells = CellAccumulator()
    private var cellPositions: [UInt32] = []
    private var rows: [MemberRow] = []
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
            rows.append(MemberRow(session: entry.session, client: entry.client, user: entry.user,
                                  cell: cellPositions[Int(entry.combo)]))
        }
        return IndexBucket(number: number, events: entries.count, cells: table,
                           members: MemberTable.make(&rows, pairScratch: &pairScratch))
    }

    /// The bucket of the events of `old` and `delta` together (same number): counts and totals add up,
    /// member triples unite with the cells each had events in. Equal to `make` over both buckets' events.
    mutating func merge(_ old: IndexBucket, _ delta: IndexBucket, comboCount: Int, productKeyCount: Int) -> IndexBucket {
        cells.prepare(combos: comboCount, productKeys: productKeyCount)
        if cellPositions.count < comboCount { cellPositions += [UInt32](repeating: 0, count: comboCount - cellPositions.count) }
        for part in [old.cells, delta.cells] {
            for index in part.combos.indices { cells.addCombo(part.combos[index], part.counts[index]) }
            for index in part.productKeys.indices { cells.addProduct(part.productKeys[index], part.productCounts[index]) }
            for revenue in part.revenue { cells.addRevenue(revenue.combo, revenue.total) }
        }
        let table = cells.make()
        for (position, combo) in table.combos.enumerated() { cellPositions[Int(combo)] = UInt32(position) }
        rows.removeAll(keepingCapacity: true)
        for part in [old, delta] {
            let members = part.members
            let combos = part.cells.combos
            func add(cell: Int, triple: Int) {
                rows.append(MemberRow(session: members.sessions[triple], client: members.clients[triple],
                                      user: members.users[triple], cell: cellPositions[Int(combos[cell])]))
            }
            for pair in members.narrowPairs { add(cell: Int(pair >> 16), triple: Int(pair & 0xFFFF)) }
            for pair in members.widePairs { add(cell: Int(pair >> 32), triple: Int(pair & 0xFFFF_FFFF)) }
        }
        return IndexBucket(number: old.number, events: old.events + delta.events, cells: table,
                           members: MemberTable.make(&rows, pairScratch: &pairScratch))
    }
}
