import Foundation
import Money

extension MetricsSnapshot {
    /// The numbers of one period, before they become KPIs.
    struct PeriodTotals {
        var events = 0
        var checkouts = 0
        var carts = 0
        var revenue: Amount = .zero
        var clients = 0
        var newClients = 0
        var users = 0
        var sessions = 0
        var converted = 0
    }

    /// Per-combination roles in the summary, as bits.
    private enum Role {
        static let matches: UInt8 = 1
        static let checkout: UInt8 = 2
        static let cart: UInt8 = 4
    }

    /// Bit sets of the summary's distinct counts.
    private enum Members {
        static let clients = 0, sessions = 1, users = 2, converted = 3
    }

    /// Headline numbers for the range and, when `comparing`, the previous period of equal length
    /// (without it every `previous` is nil: sparkline points need only their own period).
    func summary(_ f: Filters, comparing: Bool = true) -> Summary {
        let filter = ComboFilter(f, store.dimensions)
        let current = totals(Self.buckets(from: f.start, to: f.end), filter)
        let previous = comparing ? totals(Self.buckets(from: f.previousStart, to: f.start), filter) : nil
        func kpi(_ value: (PeriodTotals) -> Int) -> KPI {
            KPI(current: Double(value(current)), previous: previous.map { Double(value($0)) })
        }
        func ratio(_ numerator: (PeriodTotals) -> Int, _ denominator: (PeriodTotals) -> Int) -> KPI {
            KPI(current: Analytics.ratio(Double(numerator(current)), Double(denominator(current))),
                previous: previous.flatMap { Analytics.ratio(Double(numerator($0)), Double(denominator($0))) })
        }
        return Summary(
            events: kpi(\.events), uniqueClients: kpi(\.clients), loggedInUsers: kpi(\.users), sessions: kpi(\.sessions),
            eventsPerSession: ratio(\.events, \.sessions), newClients: kpi(\.newClients),
            checkoutRate: ratio(\.checkouts, \.carts), conversion: ratio(\.converted, \.sessions),
            checkouts: kpi(\.checkouts), addToCarts: kpi(\.carts),
            revenue: AmountKPI(current: current.revenue, previous: previous?.revenue))
    }

    /// One period's totals over `range` (bucket numbers).
    func totals(_ range: Range<Int>, _ filter: ComboFilter) -> PeriodTotals {
        let plan = store.plan(range)
        var totals = PeriodTotals()
        addCounts(plan, filter, to: &totals)
        // Converted: sessions with an event of the funnel's last step (SQL: event_name = ANY(last step's names)).
        let converting = zip(filter.matches, eventNameMask(store.funnelSteps.last?.eventNames ?? [])).map { $0 && $1 }
        let lastStep = store.funnelSteps.count - 1
        var sets = DistinctSets(capacities: [store.clientCount, store.sessionCount, store.userCount, store.sessionCount])
        sets.write { writer in
            func insert(_ members: MemberTable, _ triple: Int, _ flags: UInt64) {
                if flags & 1 != 0 {
                    if members.clients[triple] != .max { writer.insert(members.clients[triple], into: Members.clients) }
                    if members.sessions[triple] != .max { writer.insert(members.sessions[triple], into: Members.sessions) }
                    if members.users[triple] != .max { writer.insert(members.users[triple], into: Members.users) }
                }
                if flags & 2 != 0, members.sessions[triple] != .max {
                    writer.insert(members.sessions[triple], into: Members.converted)
                }
            }
            guard filter.isUnfiltered, lastStep < 64 else {
                let flags = zip(filter.matches, converting).map { UInt64($0 ? 1 : 0) | UInt64($1 ? 2 : 0) }
                scanTriples(plan.buckets, comboFlags: flags, insert)
                return
            }
            // Unfiltered: every member of a day or bucket counts, so whole days come from the day
            // layer and the other buckets' member columns are inserted whole; only the converted
            // sessions need the cells (the last step's, a few pairs per bucket).
            for position in plan.days {
                let day = store.days[position]
                day.clients.withUnsafeBufferPointer { writer.insert($0, into: Members.clients) }
                day.sessions.withUnsafeBufferPointer { writer.insert($0, into: Members.sessions) }
                day.users.withUnsafeBufferPointer { writer.insert($0, into: Members.users) }
                if lastStep >= 0 { day.stepSessions[lastStep].withUnsafeBufferPointer { writer.insert($0, into: Members.converted) } }
            }
            let convertedFlags = converting.map { UInt64($0 ? 2 : 0) }
            // `loose` holds every bucket of the range the day layer does not.
            for run in plan.loose {
                for position in run {
                    let members = store.buckets[position].members
                    members.clients.withUnsafeBufferPointer { writer.insert($0, into: Members.clients) }
                    members.sessions.withUnsafeBufferPointer { writer.insert($0, into: Members.sessions) }
                    members.users.withUnsafeBufferPointer { writer.insert($0, into: Members.users) }
                }
                if lastStep >= 0 { scanTriples(run, comboFlags: convertedFlags, insert) }
            }
        }
        totals.clients = sets.count(Members.clients)
        totals.sessions = sets.count(Members.sessions)
        totals.users = sets.count(Members.users)
        totals.converted = sets.count(Members.converted)
        // New: the client's first event ever falls in the period (it visits the period, so its
        // first event is before the period's end).
        let firstSeen = store.firstSeen
        let start = range.lowerBound
        var newClients = 0
        sets.forEach(Members.clients) { client in
            if firstSeen[client] >= start { newClients += 1 }
        }
        totals.newClients = newClients
        return totals
    }

    /// Events, checkouts, add-to-carts and revenue of the matching combinations.
    private func addCounts(_ plan: IndexStore.Plan, _ filter: ComboFilter, to totals: inout PeriodTotals) {
        let dimensions = store.dimensions
        let checkout = dimensions.eventNames.lookup("checkout_complete")
        let cart = dimensions.eventNames.lookup("add_to_cart_click")
        let roles: [UInt8] = zip(filter.matches, dimensions.combos).map { matches, combo in
            guard matches else { return 0 }
            return Role.matches | (combo.eventName == checkout ? Role.checkout : 0) | (combo.eventName == cart ? Role.cart : 0)
        }
        roles.withUnsafeBufferPointer { roles in
            store.forEachCellTable(plan) { table in
                for index in table.combos.indices {
                    let role = roles[Int(table.combos[index])]
                    guard role != 0 else { continue }
                    let count = Int(table.counts[index])
                    totals.events += count
                    if role & Role.checkout != 0 { totals.checkouts += count }
                    if role & Role.cart != 0 { totals.carts += count }
                }
                for cell in table.revenue where roles[Int(cell.combo)] & Role.checkout != 0 {
                    totals.revenue += cell.total
                }
            }
        }
    }
}
