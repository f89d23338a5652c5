import Foundation

/// The index at one data version, immutable: every metric computed from it alone, exactly equal
/// to the raw-table SQL for ranges on the 15-minute grid (`covers`).
struct MetricsSnapshot: Sendable {
    let dataVersion: Int64
    let store: IndexStore

    /// True when the range starts and ends on 15-minute UTC boundaries, the index's resolution, and
    /// the zone's offsets inside it are whole quarter hours (every IANA zone today; some historical
    /// local mean times are not), so each bucket falls in one local hour and day.
    static func covers(_ filters: Filters) -> Bool {
        let start = filters.start.timeIntervalSince1970
        let end = filters.end.timeIntervalSince1970
        // Far-off instants would overflow the bucket arithmetic; no dashboard asks for them.
        let limit = 1e13
        guard start <= end, abs(start) < limit, abs(end) < limit, abs(filters.previousStart.timeIntervalSince1970) < limit,
              start.rounded() == start, end.rounded() == end,
              Int(start) % 900 == 0, Int(end) % 900 == 0
        else { return false }
        return ZoneClock.isQuarterHourAligned(filters.timeZone, from: Int(start), to: Int(end))
    }

    /// The bucket numbers of `[start, end)` (`covers` holds).
    static func buckets(from start: Date, to end: Date) -> Range<Int> {
        let first = Int(start.timeIntervalSince1970) / 900
        return first..<max(first, Int(end.timeIntervalSince1970) / 900)
    }

    /// Events per combination over `range` (bucket numbers), unfiltered.
    func comboCounts(_ range: Range<Int>) -> [Int] {
        var counts = [Int](repeating: 0, count: store.dimensions.combos.count)
        counts.withUnsafeMutableBufferPointer { counts in
            store.forEachCellTable(store.plan(range)) { $0.addCombos(to: counts) }
        }
        return counts
    }

    /// The combinations whose event name is one of `names` (byte equality).
    func eventNameMask(_ names: [String]) -> [Bool] {
        var events = [Bool](repeating: false, count: store.dimensions.eventNames.idLimit)
        for name in names {
            if let id = store.dimensions.eventNames.lookup(name) { events[Int(id)] = true }
        }
        return store.dimensions.combos.map { events[Int($0.eventName)] }
    }

    /// For each bucket at `positions`, ORs `comboFlags` (per combination) of every cell a member
    /// triple had events in, and calls `body` with each triple whose flags are not zero.
    @inline(__always)
    func scanTriples(_ positions: Range<Int>, comboFlags: [UInt64], _ body: (MemberTable, Int, UInt64) -> Void) {
        var tripleFlags = [UInt64](repeating: 0, count: store.maxTriples)
        var touched = [UInt32](repeating: 0, count: store.maxTriples)
        var cellFlags = [UInt64](repeating: 0, count: store.maxCells)
        comboFlags.withUnsafeBufferPointer { comboFlags in
            tripleFlags.withUnsafeMutableBufferPointer { tripleFlags in
                touched.withUnsafeMutableBufferPointer { touched in
                    cellFlags.withUnsafeMutableBufferPointer { cellFlags in
                        for position in positions {
                            let bucket = store.buckets[position]
                            let flagged = bucket.cells.combos.withUnsafeBufferPointer { combos in
                                var flagged = 0
                                for index in combos.indices {
                                    let flags = comboFlags[Int(combos[index])]
                                    cellFlags[index] = flags
                                    flagged += flags == 0 ? 0 : 1
                                }
                                return flagged
                            }
                            guard flagged > 0 else { continue }
                            let members = bucket.members
                            var touchedCount = 0
                            members.accumulate(UnsafeBufferPointer(rebasing: cellFlags[0..<bucket.cells.combos.count]),
                                               flaggedCells: flagged, into: tripleFlags, touched: touched,
                                               touchedCount: &touchedCount)
                            for index in 0..<touchedCount {
                                let triple = Int(touched[index])
                                body(members, triple, tripleFlags[triple])
                                tripleFlags[triple] = 0
                            }
                        }
                    }
                }
            }
        }
    }
}
