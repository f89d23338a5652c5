/// One immutable state of the index: the buckets and days in order and the tables their ids refer
/// to. Snapshots hold it; a refresh makes a new one that shares every unchanged bucket and day.
final class IndexStore: Sendable {
    /// A bucket range split for reading: whole UTC days from the day layer, the rest bucket by bucket.
    struct Plan {
        /// Positions in `buckets` of every bucket in the range.
        let buckets: Range<Int>
        /// Positions in `buckets` read one by one: before and after the whole days, and the buckets
        /// of whole days not summed yet (`pendingDays`), ascending. With `days`, exactly the range:
        /// every day with buckets is either summed or pending.
        let loose: [Range<Int>]
        /// Positions in `days` of the whole days.
        let days: Range<Int>
    }

    /// Bucket numbers, ascending; `buckets[i].number == numbers[i]`.
    let numbers: [Int]
    let buckets: [IndexBucket]
    /// Day numbers, ascending; `days[i].number == dayNumbers[i]`.
    let dayNumbers: [Int]
    let days: [IndexDay]
    /// UTC days whose buckets changed after their day was summed, ascending: absent from `days`
    /// and read bucket by bucket until the worker sums them again (`daySummingDelay` after
    /// publishing this store), so a refresh answers without waiting for its days.
    let pendingDays: [Int]
    let dimensions: IndexDimensions
    let clientCount: Int
    let sessionCount: Int
    let userCount: Int
    /// Per client: the bucket of its first event ever (`Int.max` when it has none left).
    let firstSeen: [Int]
    /// `event_funnel_steps` as the SQL path reads it: conversion uses the last step, products the
    /// first two, and each day keeps the sessions of each step.
    let funnelSteps: [FunnelStepDefinition]
    /// Events over all buckets.
    let eventCount: Int
    /// The most member triples in one bucket (scratch size for filtered distinct counts).
    let maxTriples: Int
    /// The most cells (combinations) in one bucket.
    let maxCells: Int

    init(numbers: [Int], buckets: [IndexBucket], dayNumbers: [Int], days: [IndexDay], pendingDays: [Int],
         dimensions: IndexDimensions,
         clientCount: Int, sessionCount: Int, userCount: Int, firstSeen: [Int], funnelSteps: [FunnelStepDefinition]) {
        self.numbers = numbers
        self.buckets = buckets
        self.dayNumbers = dayNumbers
        self.days = days
        self.pendingDays = pendingDays
        self.dimensions = dimensions
        self.clientCount = clientCount
        self.sessionCount = sessionCount
        self.userCount = userCount
        self.firstSeen = firstSeen
        self.funnelSteps = funnelSteps
        self.eventCount = buckets.reduce(0) { $0 + $1.events }
        self.maxTriples = buckets.reduce(0) { max($0, $1.members.tripleCount) }
        self.maxCells = buckets.reduce(0) { max($0, $1.cells.combos.count) }
    }

    /// How to read the bucket numbers in `range`.
    func plan(_ range: Range<Int>) -> Plan {
        let all = Self.positions(of: range, in: numbers)
        let firstDay = -CivilDay.floorDivide(-range.lowerBound, 96)
        let endDay = CivilDay.floorDivide(range.upperBound, 96)
        guard firstDay < endDay else { return Plan(buckets: all, loose: [all], days: 0..<0) }
        var loose = [Self.positions(of: range.lowerBound..<(firstDay * 96), in: numbers)]
        for day in pendingDays where firstDay <= day && day < endDay {
            loose.append(Self.positions(of: (day * 96)..<((day + 1) * 96), in: numbers))
        }
        loose.append(Self.positions(of: (endDay * 96)..<range.upperBound, in: numbers))
        return Plan(buckets: all, loose: loose, days: Self.positions(of: firstDay..<endDay, in: dayNumbers))
    }

    /// Calls `body` with the cell table of every bucket and whole day of `plan`.
    @inline(__always)
    func forEachCellTable(_ plan: Plan, _ body: (CellTable) -> Void) {
        for run in plan.loose {
            for position in run { body(buckets[position].cells) }
        }
        for position in plan.days { body(days[position].cells) }
    }

    /// Positions in `sorted` of the values in `range`.
    static func positions(of range: Range<Int>, in sorted: [Int]) -> Range<Int> {
        let low = lowerBound(range.lowerBound, in: sorted)
        return low..<max(low, lowerBound(range.upperBound, in: sorted))
    }

    static func lowerBound(_ value: Int, in sorted: [Int]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Bytes held by the buckets, days and tables (not counting the builder's id dictionaries).
    var byteCount: Int {
        buckets.reduce(0) { $0 + $1.byteCount } + days.reduce(0) { $0 + $1.byteCount }
            + (numbers.capacity + buckets.capacity + dayNumbers.capacity + days.capacity + pendingDays.capacity
               + firstSeen.capacity) * 8
            + dimensions.byteCount
    }
}
