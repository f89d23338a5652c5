extension MetricsSnapshot {
    /// Sessions through `steps`: a session reaches step k when it has matching events of every
    /// step 1…k in the range, in any order. One bit set of sessions per step, intersected in turn.
    func funnel(_ f: Filters, steps: [FunnelStepDefinition]) -> Funnel {
        let filter = ComboFilter(f, store.dimensions)
        let plan = store.plan(Self.buckets(from: f.start, to: f.end))
        let masks = steps.map { step in zip(filter.matches, eventNameMask(step.eventNames)).map { $0 && $1 } }
        var sets = DistinctSets(capacities: steps.map { _ in store.sessionCount })
        // Unfiltered whole days come from the day layer when the steps are the ones it was built with.
        let useDays = filter.isUnfiltered && steps == store.funnelSteps && steps.count <= 64 && !plan.days.isEmpty
        sets.write { writer in
            if useDays {
                for position in plan.days {
                    for (index, sessions) in store.days[position].stepSessions.enumerated() {
                        sessions.withUnsafeBufferPointer { writer.insert($0, into: index) }
                    }
                }
            }
            // Flags hold 64 steps: longer funnels take several passes.
            for first in stride(from: 0, to: steps.count, by: 64) {
                let chunk = first..<min(first + 64, steps.count)
                var flags = [UInt64](repeating: 0, count: store.dimensions.combos.count)
                for index in chunk {
                    for combo in flags.indices where masks[index][combo] { flags[combo] |= 1 << UInt64(index - first) }
                }
                let insert = { (members: MemberTable, triple: Int, tripleFlags: UInt64) in
                    let session = members.sessions[triple]
                    guard session != .max else { return }
                    var remaining = tripleFlags
                    while remaining != 0 {
                        writer.insert(session, into: first + remaining.trailingZeroBitCount)
                        remaining &= remaining - 1
                    }
                }
                if useDays {
                    for run in plan.loose { scanTriples(run, comboFlags: flags, insert) }
                } else {
                    scanTriples(plan.buckets, comboFlags: flags, insert)
                }
            }
        }
        var reached: [Int] = []
        for index in steps.indices {
            if index > 0 { sets.intersect(index, with: index - 1) }
            reached.append(sets.count(index))
        }
        return Funnel(steps: steps.indices.map { index in
            FunnelStep(step: steps[index].step, order: steps[index].order, sessions: reached[index],
                       previousSessions: index == 0 ? nil : reached[index - 1], firstSessions: reached.first ?? 0)
        })
    }
}
