/// One row of a top-N breakdown: a label, its event count and its share of all matching events.
public struct RankedCount: Sendable, Hashable, Codable {
    public let label: String
    public let count: Int
    /// `count` over the total of the whole breakdown (not only the rows shown), 0…1.
    public let share: Double

    public init(label: String, count: Int, share: Double) {
        self.label = label
        self.count = count
        self.share = share
    }
}
