/// One headline number for the selected range next to the same number for the previous period
/// of equal length. `nil` values mean "not defined" (a rate with nothing to divide by).
public struct KPI: Sendable, Hashable, Codable {
    public let current: Double?
    public let previous: Double?
    /// `current - previous` in the metric's own unit (percentage points for rates, as a fraction).
    public let change: Double?
    /// `(current - previous) / previous`; `nil` when there is no previous value to compare with.
    public let changeRatio: Double?

    public init(current: Double?, previous: Double?) {
        self.current = current
        self.previous = previous
        if let current, let previous {
            change = current - previous
            changeRatio = previous == 0 ? nil : (current - previous) / previous
        } else {
            change = nil
            changeRatio = nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case current, previous, change, changeRatio = "change_ratio"
    }

    /// `null` rather than a missing key when a value is undefined.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(current, forKey: .current)
        try container.encode(previous, forKey: .previous)
        try container.encode(change, forKey: .change)
        try container.encode(changeRatio, forKey: .changeRatio)
    }
}
