extension MetricsSnapshot {
    /// One product's counts over the range, within the filters.
    private struct ProductTally {
        var views = 0
        var carts = 0
        /// Events per non-empty name, category and brand id, for the most frequent of each.
        var names: [UInt32: Int] = [:]
        var categories: [UInt32: Int] = [:]
        var brands: [UInt32: Int] = [:]

        mutating func add(_ count: Int, isView: Bool, isCart: Bool, name: UInt32?, category: UInt32?, brand: UInt32?) {
            if isView { views += count }
            if isCart { carts += count }
            if let name { names[name, default: 0] += count }
            if let category { categories[category, default: 0] += count }
            if let brand { brands[brand, default: 0] += count }
        }
    }

    /// The top products by views (funnel step 1 events), then add-to-carts (step 2), then id in
    /// code-point order; totals over every product with a matching event.
    func products(_ f: Filters, limit: Int) -> ProductBreakdown {
        let dimensions = store.dimensions
        let filter = ComboFilter(f, dimensions)
        let views = eventNameMask(store.funnelSteps.first?.eventNames ?? [])
        let carts = eventNameMask(store.funnelSteps.dropFirst().first?.eventNames ?? [])
        var counts = [Int](repeating: 0, count: dimensions.productKeys.count)
        counts.withUnsafeMutableBufferPointer { counts in
            store.forEachCellTable(store.plan(Self.buckets(from: f.start, to: f.end))) { $0.addProducts(to: counts) }
        }
        var tallies: [UInt32: ProductTally] = [:]
        for (keyID, count) in counts.enumerated() where count > 0 {
            let key = dimensions.productKeys[keyID]
            let comboID = Int(key.combo)
            guard filter.matches[comboID] else { continue }
            let combo = dimensions.combos[comboID]
            tallies[key.product, default: ProductTally()].add(
                count, isView: views[comboID], isCart: carts[comboID],
                name: dimensions.productNames.isEmpty(key.name) ? nil : key.name,
                category: dimensions.categories.isEmpty(combo.category) ? nil : combo.category,
                brand: dimensions.brands.isEmpty(combo.brand) ? nil : combo.brand)
        }
        let products = dimensions.products
        let ranked = tallies.sorted { lhs, rhs in
            if lhs.value.views != rhs.value.views { return lhs.value.views > rhs.value.views }
            if lhs.value.carts != rhs.value.carts { return lhs.value.carts > rhs.value.carts }
            return products.precedes(lhs.key, rhs.key)
        }
        let items = ranked.prefix(max(0, limit)).map { product, tally in
            ProductRow(productID: products.value(product) ?? "",
                       name: Self.mostFrequent(tally.names, dimensions.productNames),
                       category: Self.mostFrequent(tally.categories, dimensions.categories),
                       brand: Self.mostFrequent(tally.brands, dimensions.brands),
                       views: tally.views, addToCarts: tally.carts)
        }
        return ProductBreakdown(items: items, totalViews: tallies.values.reduce(0) { $0 + $1.views },
                                totalAddToCarts: tallies.values.reduce(0) { $0 + $1.carts })
    }

    /// The value most events carried, ties to the smallest in code-point order; nil when none did.
    private static func mostFrequent(_ counts: [UInt32: Int], _ values: ByteInterner) -> String? {
        let best = counts.min { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : values.precedes(lhs.key, rhs.key)
        }
        return best.flatMap { values.value($0.key) }
    }
}
