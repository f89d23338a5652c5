extension MetricsSnapshot {
    /// The most frequent event names; NULL and empty names count as "(none)", as in SQL.
    func eventNames(_ f: Filters, limit: Int) -> Breakdown {
        let names = store.dimensions.eventNames
        return breakdown(f, limit: limit) { combo in
            names.isEmpty(combo.eventName) ? "(none)" : names.value(combo.eventName)
        }
    }

    /// Events by login state; NULL counts as "unknown".
    func loginStates(_ f: Filters, limit: Int) -> Breakdown {
        let states = store.dimensions.loginStates
        return breakdown(f, limit: limit) { combo in
            combo.loginState == 0 ? Filters.unknownLoginState : states.value(combo.loginState)
        }
    }

    /// Categories of product events (a non-empty product id) that name one.
    func categories(_ f: Filters, limit: Int) -> Breakdown {
        let categories = store.dimensions.categories
        return breakdown(f, limit: limit) { combo in
            combo.product == .present && !categories.isEmpty(combo.category) ? categories.value(combo.category) : nil
        }
    }

    /// Brands of product events (a non-empty product id) that name one.
    func brands(_ f: Filters, limit: Int) -> Breakdown {
        let brands = store.dimensions.brands
        return breakdown(f, limit: limit) { combo in
            combo.product == .present && !brands.isEmpty(combo.brand) ? brands.value(combo.brand) : nil
        }
    }

    /// Counts matching events per label (`nil` leaves a combination out), ordered by count, then by
    /// label in code-point order, as the SQL's `ORDER BY events DESC, label COLLATE "C"`.
    private func breakdown(_ f: Filters, limit: Int, label: (IndexDimensions.Combo) -> String?) -> Breakdown {
        let filter = ComboFilter(f, store.dimensions)
        let counts = comboCounts(Self.buckets(from: f.start, to: f.end))
        // Grouped by label bytes: two combinations with the same text are one row.
        var byLabel: [[UInt8]: Int] = [:]
        var total = 0
        for (combo, count) in counts.enumerated() where count > 0 && filter.matches[combo] {
            guard let label = label(store.dimensions.combos[combo]) else { continue }
            byLabel[Array(label.utf8), default: 0] += count
            total += count
        }
        let ranked = byLabel.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key.lexicographicallyPrecedes(rhs.key)
        }
        let items = ranked.prefix(max(0, limit)).map { entry in
            RankedCount(label: String(decoding: entry.key, as: UTF8.self), count: entry.value,
                        share: total == 0 ? 0 : Double(entry.value) / Double(total))
        }
        return Breakdown(items: items, total: total)
    }
}
