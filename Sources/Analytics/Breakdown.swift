/// A top-N breakdown (event types, login states, categories, brands) with the total it was cut from.
public struct Breakdown: Sendable, Hashable, Codable {
    public let items: [RankedCount]
    /// Events counted over every label, including those beyond the top N.
    public let total: Int

    public init(items: [RankedCount], total: Int) {
        self.items = items
        self.total = total
    }

    /// Events under labels that did not make the top N.
    public var otherCount: Int { total - items.reduce(0) { $0 + $1.count } }

    private enum CodingKeys: String, CodingKey {
        case items, total
    }
}
