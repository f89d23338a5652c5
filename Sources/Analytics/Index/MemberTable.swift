/// Who was active in one bucket. Each distinct (session, client, logged-in user) triple once, and
/// which of the bucket's cells (combinations) each triple had events in. A filtered distinct count
/// marks the triples of matching cells, then sets their ids in bit sets; an unfiltered one takes
/// every triple. Pairs pack a cell position and a triple index into 32 bits when both fit in 16
/// (nearly always: a bucket is 15 minutes), so a pair costs 4 bytes.
struct MemberTable: Sendable {
    /// Per triple: dense session, client and user ids; `UInt32.max` where the event had none.
    let sessions: [UInt32]
    let clients: [UInt32]
    let users: [UInt32]
    /// `cell << 16 | triple`, when every cell position and triple index is below 65,536.
    let narrowPairs: [UInt32]
    /// `cell << 32 | triple` otherwise.
    let widePairs: [UInt64]

    static let empty = MemberTable(sessions: [], clients: [], users: [], narrowPairs: [], widePairs: [])

    var tripleCount: Int { sessions.count }

    /// ORs the flags of each pair's cell (`cellFlags`, by cell position; `flaggedCells` of them
    /// not zero) into its triple's flags (`tripleFlags`, by triple index), and lists each triple
    /// that had no flags before in `touched[0 ..< touchedCount]`. Pairs are sorted by cell, so a
    /// selective filter reads only its cells' pairs.
    @inline(__always)
    func accumulate(_ cellFlags: UnsafeBufferPointer<UInt64>, flaggedCells: Int,
                    into tripleFlags: UnsafeMutableBufferPointer<UInt64>,
                    touched: UnsafeMutableBufferPointer<UInt32>, touchedCount: inout Int) {
        @inline(__always)
        func mark(_ triple: Int, _ flags: UInt64) {
            if tripleFlags[triple] == 0 {
                touched[touchedCount] = UInt32(truncatingIfNeeded: triple)
                touchedCount += 1
            }
            tripleFlags[triple] |= flags
        }
        let pairCount = narrowPairs.count + widePairs.count
        let selective = flaggedCells * 16 < pairCount
        narrowPairs.withUnsafeBufferPointer { pairs in
            guard !pairs.isEmpty else { return }
            if selective {
                for cell in cellFlags.indices where cellFlags[cell] != 0 {
                    let flags = cellFlags[cell]
                    var index = Self.lowerBound(UInt32(cell) << 16, in: pairs)
                    while index < pairs.count, Int(pairs[index] >> 16) == cell {
                        mark(Int(pairs[index] & 0xFFFF), flags)
                        index += 1
                    }
                }
            } else {
                for pair in pairs {
                    let flags = cellFlags[Int(pair >> 16)]
                    if flags != 0 { mark(Int(pair & 0xFFFF), flags) }
                }
            }
        }
        widePairs.withUnsafeBufferPointer { pairs in
            for pair in pairs {
                let flags = cellFlags[Int(pair >> 32)]
                if flags != 0 { mark(Int(pair & 0xFFFF_FFFF), flags) }
            }
        }
    }

    private static func lowerBound(_ value: UInt32, in pairs: UnsafeBufferPointer<UInt32>) -> Int {
        var low = 0
        var high = pairs.count
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Builds the table from rows in any order, duplicates allowed. `rows` is scratch: it comes back sorted.
    static func make(_ rows: inout [MemberRow], pairScratch: inout [UInt64]) -> MemberTable {
        guard !rows.isEmpty else { return .empty }
        rows.sort()
        var sessions: [UInt32] = []
        var clients: [UInt32] = []
        var users: [UInt32] = []
        pairScratch.removeAll(keepingCapacity: true)
        var maxCell: UInt32 = 0
        for (index, row) in rows.enumerated() {
            if index == 0 || !rows[index - 1].sameTriple(as: row) {
                sessions.append(row.session)
                clients.append(row.client)
                users.append(row.user)
            } else if rows[index - 1].cell == row.cell {
                continue
            }
            pairScratch.append(UInt64(row.cell) << 32 | UInt64(sessions.count - 1))
            maxCell = max(maxCell, row.cell)
        }
        pairScratch.sort()
        if maxCell < 1 << 16, sessions.count <= 1 << 16 {
            let narrow = pairScratch.map { UInt32(truncatingIfNeeded: $0 >> 32) << 16 | UInt32(truncatingIfNeeded: $0) }
            return MemberTable(sessions: sessions.map { $0 }, clients: clients.map { $0 }, users: users.map { $0 },
                               narrowPairs: narrow, widePairs: [])
        }
        // Copies, exactly sized: buckets live as long as the index, appended arrays carry slack.
        return MemberTable(sessions: sessions.map { $0 }, clients: clients.map { $0 }, users: users.map { $0 },
                           narrowPairs: [], widePairs: pairScratch.map { $0 })
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int {
        (sessions.capacity + clients.capacity + users.capacity + narrowPairs.capacity) * 4 + widePairs.capacity * 8 + 5 * 32
    }
}

/// One event's member triple and the cell (position) it had its event in, packed into two integers
/// so rows sort by (session, client, user, cell) with two integer comparisons, not four.
struct MemberRow: Comparable {
    /// `session << 32 | client`.
    private let high: UInt64
    /// `user << 32 | cell`.
    private let low: UInt64

    init(session: UInt32, client: UInt32, user: UInt32, cell: UInt32) {
        high = UInt64(session) << 32 | UInt64(client)
        low = UInt64(user) << 32 | UInt64(cell)
    }

    var session: UInt32 { UInt32(truncatingIfNeeded: high >> 32) }
    var client: UInt32 { UInt32(truncatingIfNeeded: high) }
    var user: UInt32 { UInt32(truncatingIfNeeded: low >> 32) }
    var cell: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// Same session, client and user (the cell may differ).
    func sameTriple(as other: MemberRow) -> Bool { high == other.high && low >> 32 == other.low >> 32 }

    static func < (lhs: MemberRow, rhs: MemberRow) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}
