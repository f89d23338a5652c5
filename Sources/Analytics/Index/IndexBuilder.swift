import Foundation
import Money
import Postgres

/// The index's mutable side, owned by one refresh at a time: the id dictionaries (which only grow),
/// each client's first bucket, and the current buckets. Produces immutable `IndexStore`s.
struct IndexBuilder {
    /// Columns of `EventScan.select`, in order.
    private enum Column: Int {
        case timestamp, eventName, loginState, category, brand, productID, productName, session, client, user, orderTotal
    }

    private(set) var dimensions = IndexDimensions()
    private var clients = IdentityInterner()
    private var sessions = IdentityInterner()
    private var users = IdentityInterner()
    /// Per dense client id: the bucket of its first event ever (`Int.max` once it has none).
    private var firstSeen: [Int] = []
    private(set) var numbers: [Int] = []
    private(set) var buckets: [IndexBucket] = []
    private(set) var dayNumbers: [Int] = []
    private(set) var days: [IndexDay] = []
    /// Days taken out of `days` by a refresh and not summed again yet (see `IndexStore.pendingDays`).
    private(set) var pendingDays: [Int] = []
    var dataVersion: Int64 = -1
    var funnelSteps: [FunnelStepDefinition] = []

    private var assembler = BucketAssembler()
    private var dayAssembler = DayAssembler()
    private var entries: [BucketAssembler.Entry] = []
    private var totals: [BucketAssembler.Total] = []

    /// 2000-01-01 00:00 UTC, PostgreSQL's binary timestamp origin, in Unix microseconds.
    private static let postgresEpochMicros: Int64 = 946_684_800_000_000

    /// Reads one row of `EventScan.select` (binary COPY) into ids.
    mutating func ingest(_ row: borrowing PostgresCopyRow) throws(PostgresError) {
        guard let micros = try row.int64(Column.timestamp.rawValue) else { return }
        let (shifted, overflow) = micros.addingReportingOverflow(Self.postgresEpochMicros)
        guard !overflow else { return }
        let bucket = Int(Self.floorDivide(shifted, 900_000_000))
        let productID: UInt32? = row.withBytes(Column.productID.rawValue) { dimensions.products.id($0) }
        let presence: IndexDimensions.ProductPresence = switch productID {
        case nil: .null
        case let id? where dimensions.products.isEmpty(id): .empty
        default: .present
        }
        let combo = dimensions.comboID(IndexDimensions.Combo(
            eventName: row.withBytes(Column.eventName.rawValue) { dimensions.eventNames.id($0) } ?? 0,
            loginState: row.withBytes(Column.loginState.rawValue) { dimensions.loginStates.id($0) } ?? 0,
            category: row.withBytes(Column.category.rawValue) { dimensions.categories.id($0) } ?? 0,
            brand: row.withBytes(Column.brand.rawValue) { dimensions.brands.id($0) } ?? 0,
            product: presence))
        var productKey = BucketAssembler.Entry.none
        if presence == .present, let productID {
            let name = row.withBytes(Column.productName.rawValue) { dimensions.productNames.id($0) } ?? 0
            productKey = dimensions.productKeyID(IndexDimensions.ProductKey(combo: combo, product: productID, name: name))
        }
        let client = row.withBytes(Column.client.rawValue) { clients.id($0) } ?? BucketAssembler.Entry.none
        if client != BucketAssembler.Entry.none {
            if Int(client) == firstSeen.count {
                firstSeen.append(bucket)
            } else if bucket < firstSeen[Int(client)] {
                firstSeen[Int(client)] = bucket
            }
        }
        entries.append(BucketAssembler.Entry(
            bucket: bucket, combo: combo, productKey: productKey, client: client,
            session: row.withBytes(Column.session.rawValue) { sessions.id($0) } ?? BucketAssembler.Entry.none,
            user: row.withBytes(Column.user.rawValue) { users.id($0) } ?? BucketAssembler.Entry.none))
        if let text = row.string(Column.orderTotal.rawValue) {
            guard let amount = Amount(text) else {
                throw PostgresError(kind: .decoding, message: "order_total \(text.prefix(40).debugDescription) is not a decimal")
            }
            totals.append(BucketAssembler.Total(bucket: bucket, combo: combo, amount: amount))
        }
    }

    /// The buckets of every row ingested since the last call, ascending by number.
    mutating func assemble() -> [IndexBucket] {
        // The scan reads in timestamp order through the index, so this rarely sorts anything.
        if !Self.isAscending(entries.lazy.map(\.bucket)) { entries.sort { $0.bucket < $1.bucket } }
        if !Self.isAscending(totals.lazy.map(\.bucket)) { totals.sort { $0.bucket < $1.bucket } }
        var made: [IndexBucket] = []
        var start = 0
        var totalStart = 0
        while start < entries.count {
            let number = entries[start].bucket
            var end = start
            while end < entries.count, entries[end].bucket == number { end += 1 }
            while totalStart < totals.count, totals[totalStart].bucket < number { totalStart += 1 }
            var totalEnd = totalStart
            while totalEnd < totals.count, totals[totalEnd].bucket == number { totalEnd += 1 }
            made.append(assembler.make(
                number: number, entries: entries[start..<end], totals: totals[totalStart..<totalEnd],
                comboCount: dimensions.combos.count, productKeyCount: dimensions.productKeys.count))
            start = end
            totalStart = totalEnd
        }
        entries.removeAll(keepingCapacity: true)
        totals.removeAll(keepingCapacity: true)
        return made
    }

    /// One bucket holding the events of both `old` and `delta` (buckets of the same number).
    mutating func mergeBuckets(_ old: IndexBucket, _ delta: IndexBucket) -> IndexBucket {
        assembler.merge(old, delta, comboCount: dimensions.combos.count, productKeyCount: dimensions.productKeys.count)
    }

    /// Forgets rows ingested but not assembled (after a failed read).
    mutating func discardPending() {
        entries.removeAll(keepingCapacity: true)
        totals.removeAll(keepingCapacity: true)
    }

    /// Appends buckets of a full build (numbers ascending, after every bucket already held).
    mutating func append(_ fresh: [IndexBucket]) {
        numbers += fresh.map(\.number)
        buckets += fresh
    }

    /// Swaps in the rebuilt `changed` buckets (numbers ascending; a changed number without a fresh
    /// bucket lost all its events).
    mutating func replace(_ changed: [Int], with fresh: [IndexBucket]) {
        let changedSet = Set(changed)
        let freshByNumber = Dictionary(fresh.map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        // A client whose first bucket lost it needs its first bucket found again.
        var lostFirst = false
        for (number, old) in zip(numbers, buckets) where changedSet.contains(number) {
            let replacement = Set(freshByNumber[number]?.members.clients ?? [])
            for client in old.members.clients where client != .max && firstSeen[Int(client)] == number {
                if !replacement.contains(client) { lostFirst = true }
            }
        }
        var merged: [IndexBucket] = []
        merged.reserveCapacity(buckets.count + fresh.count)
        var old = 0
        var new = 0
        while old < buckets.count || new < fresh.count {
            if new == fresh.count || (old < buckets.count && buckets[old].number < fresh[new].number) {
                if !changedSet.contains(buckets[old].number) { merged.append(buckets[old]) }
                old += 1
            } else {
                if old < buckets.count, buckets[old].number == fresh[new].number { old += 1 }
                merged.append(fresh[new])
                new += 1
            }
        }
        buckets = merged
        numbers = merged.map(\.number)
        if lostFirst { recomputeFirstSeen() }
    }

    /// Each client's first bucket from the buckets alone (after events went away).
    private mutating func recomputeFirstSeen() {
        firstSeen = [Int](repeating: .max, count: clients.count)
        for bucket in buckets {
            for client in bucket.members.clients where client != .max && firstSeen[Int(client)] == .max {
                firstSeen[Int(client)] = bucket.number
            }
        }
    }

    /// Re-sums the UTC days `which` (all when nil) from their buckets; days left without buckets go.
    mutating func rebuildDays(_ which: Set<Int>?) {
        let flags = stepFlags()
        let stepCount = min(funnelSteps.count, 64)
        var fresh: [IndexDay] = []
        var start = 0
        while start < buckets.count {
            let day = buckets[start].day
            var end = start
            while end < buckets.count, buckets[end].day == day { end += 1 }
            if which?.contains(day) ?? true {
                fresh.append(dayAssembler.make(
                    number: day, buckets: buckets[start..<end], stepFlags: flags, stepCount: stepCount,
                    comboCount: dimensions.combos.count, productKeyCount: dimensions.productKeys.count))
            }
            start = end
        }
        guard let which else {
            days = fresh
            dayNumbers = fresh.map(\.number)
            pendingDays = []
            return
        }
        dropDays(which)
        pendingDays.removeAll { which.contains($0) }
        days += fresh
        days.sort { $0.number < $1.number }
        dayNumbers = days.map(\.number)
    }

    /// Takes the UTC days `which` out of the day layer until `completePendingDays` sums them again:
    /// readers take their buckets one by one meanwhile, which is exact, only slower.
    mutating func deferDays(_ which: Set<Int>) {
        dropDays(which)
        pendingDays = Array(Set(pendingDays).union(which)).sorted()
    }

    /// Sums every pending day again; true when there were any.
    mutating func completePendingDays() -> Bool {
        guard !pendingDays.isEmpty else { return false }
        rebuildDays(Set(pendingDays))
        return true
    }

    private mutating func dropDays(_ which: Set<Int>) {
        guard !which.isEmpty else { return }
        let kept = zip(dayNumbers, days).filter { !which.contains($0.0) }
        days = kept.map(\.1)
        dayNumbers = kept.map(\.0)
    }

    /// Per combination: bit k set when its event name belongs to funnel step k (the first 64 steps).
    func stepFlags() -> [UInt64] {
        var byEvent = [UInt64](repeating: 0, count: dimensions.eventNames.idLimit)
        for (index, step) in funnelSteps.prefix(64).enumerated() {
            for name in step.eventNames {
                if let id = dimensions.eventNames.lookup(name) { byEvent[Int(id)] |= 1 << UInt64(index) }
            }
        }
        return dimensions.combos.map { byEvent[Int($0.eventName)] }
    }

    /// The immutable state readers use.
    func makeStore() -> IndexStore {
        IndexStore(numbers: numbers, buckets: buckets, dayNumbers: dayNumbers, days: days, pendingDays: pendingDays,
                   dimensions: dimensions,
                   clientCount: clients.count, sessionCount: sessions.count, userCount: users.count, firstSeen: firstSeen,
                   funnelSteps: funnelSteps)
    }

    /// Bytes held by the id dictionaries and first-seen table (the buckets are counted by the store).
    var builderByteCount: Int {
        clients.byteCount + sessions.byteCount + users.byteCount + firstSeen.capacity * 8
            + entries.capacity * MemoryLayout<BucketAssembler.Entry>.stride
    }

    private static func isAscending(_ values: some Sequence<Int>) -> Bool {
        var previous = Int.min
        for value in values {
            if value < previous { return false }
            previous = value
        }
        return true
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
