/// The filters resolved against the index's combinations: one yes/no per combination, with the
/// exact semantics of `Analytics.dimensionPredicate` (byte equality; a missing login state is
/// "unknown"; a NULL category, brand or event name matches no value).
struct ComboFilter {
    /// `matches[combo]`.
    let matches: [Bool]
    /// True when no dimension filter is set, so precomputed unfiltered lists answer.
    let isUnfiltered: Bool

    init(_ filters: Filters, _ dimensions: IndexDimensions) {
        isUnfiltered = filters.loginState == nil && filters.eventName == nil && filters.category == nil
            && filters.brand == nil
        let loginStates: Set<UInt32>? = filters.loginState.map { value in
            var ids = Set<UInt32>()
            if let id = dimensions.loginStates.lookup(value) { ids.insert(id) }
            if value == Filters.unknownLoginState { ids.insert(0) }
            return ids
        }
        // A value the index never saw selects nothing (`nil` inside), an unset filter everything.
        let eventName = filters.eventName.map { dimensions.eventNames.lookup($0) }
        let category = filters.category.map { dimensions.categories.lookup($0) }
        let brand = filters.brand.map { dimensions.brands.lookup($0) }
        matches = dimensions.combos.map { combo in
            if let loginStates, !loginStates.contains(combo.loginState) { return false }
            if let eventName, eventName != combo.eventName { return false }
            if let category, category != combo.category { return false }
            if let brand, brand != combo.brand { return false }
            return true
        }
    }
}
