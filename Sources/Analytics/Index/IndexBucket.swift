/// Everything the metrics need from one 15-minute UTC bucket of events, immutable once built: a
/// refresh replaces whole buckets, so snapshots share the unchanged ones.
final class IndexBucket: Sendable {
    /// Unix seconds of the bucket's start / 900.
    let number: Int
    /// Events in the bucket, unfiltered.
    let events: Int
    let cells: CellTable
    /// Member triples and the cells (by position in `cells.combos`) each had events in.
    let members: MemberTable

    init(number: Int, events: Int, cells: CellTable, members: MemberTable) {
        self.number = number
        self.events = events
        self.cells = cells
        self.members = members
    }

    /// Unix seconds of the bucket's first instant.
    var startSeconds: Int { number * 900 }

    /// The UTC day (days since 1970-01-01) the bucket belongs to.
    var day: Int { CivilDay.floorDivide(number, 96) }

    /// Bytes held, for memory statistics.
    var byteCount: Int { 64 + cells.byteCount + members.byteCount }
}
