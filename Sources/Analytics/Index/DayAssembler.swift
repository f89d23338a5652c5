/// Sums the buckets of one UTC day into an `IndexDay`, reusing its scratch arrays between days.
struct DayAssembler {
    private var cells = CellAccumulator()
    private var ids: [UInt32] = []
    private var steps: [[UInt32]] = []
    private var cellFlags: [UInt64] = []

    /// The day `number` from its buckets; `stepFlags[combo]` has bit k set when the combination's
    /// event belongs to funnel step k.
    mutating func make(number: Int, buckets: ArraySlice<IndexBucket>, stepFlags: [UInt64], stepCount: Int,
                       comboCount: Int, productKeyCount: Int) -> IndexDay {
        cells.prepare(combos: comboCount, productKeys: productKeyCount)
        var events = 0
        for bucket in buckets {
            events += bucket.events
            let table = bucket.cells
            for index in table.combos.indices { cells.addCombo(table.combos[index], table.counts[index]) }
            for index in table.productKeys.indices { cells.addProduct(table.productKeys[index], table.productCounts[index]) }
            for revenue in table.revenue { cells.addRevenue(revenue.combo, revenue.total) }
        }
        let clients = distinct(buckets.lazy.map(\.members.clients))
        let sessions = distinct(buckets.lazy.map(\.members.sessions))
        let users = distinct(buckets.lazy.map(\.members.users))
        while steps.count < stepCount { steps.append([]) }
        for bucket in buckets {
            cellFlags.removeAll(keepingCapacity: true)
            cellFlags.append(contentsOf: bucket.cells.combos.lazy.map { stepFlags[Int($0)] })
            let members = bucket.members
            for pair in members.narrowPairs {
                Self.collect(cellFlags[Int(pair >> 16)], members.sessions[Int(pair & 0xFFFF)], into: &steps)
            }
            for pair in members.widePairs {
                Self.collect(cellFlags[Int(pair >> 32)], members.sessions[Int(pair & 0xFFFF_FFFF)], into: &steps)
            }
        }
        var stepSessions: [[UInt32]] = []
        for index in 0..<stepCount {
            stepSessions.append(Self.sortedDistinct(&steps[index]))
        }
        return IndexDay(number: number, events: events, cells: cells.make(), clients: clients, sessions: sessions,
                        users: users, stepSessions: stepSessions)
    }

    /// Appends `session` to the list of every step in `flags`.
    @inline(__always)
    private static func collect(_ flags: UInt64, _ session: UInt32, into steps: inout [[UInt32]]) {
        guard flags != 0, session != .max else { return }
        var remaining = flags
        while remaining != 0 {
            steps[remaining.trailingZeroBitCount].append(session)
            remaining &= remaining - 1
        }
    }

    private mutating func distinct(_ lists: some Sequence<[UInt32]>) -> [UInt32] {
        ids.removeAll(keepingCapacity: true)
        for list in lists { ids.append(contentsOf: list) }
        return Self.sortedDistinct(&ids)
    }

    /// The distinct values of `values` other than `UInt32.max`, ascending; empties `values`.
    private static func sortedDistinct(_ values: inout [UInt32]) -> [UInt32] {
        values.sort()
        var kept = 0
        for index in values.indices where values[index] != .max && (kept == 0 || values[kept - 1] != values[index]) {
            values[kept] = values[index]
            kept += 1
        }
        let result = values[..<kept].map { $0 }  // exactly sized: days live as long as the index
        values.removeAll(keepingCapacity: true)
        return result
    }
}
