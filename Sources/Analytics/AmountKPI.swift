import Money

/// A headline sum of money (revenue) for the range next to the previous period, exact however large:
/// `KPI`'s doubles would round a 20-digit total and cannot hold one past 10^308 at all.
public struct AmountKPI: Sendable, Hashable {
    public let current: Amount?
    public let previous: Amount?
    /// `current - previous`, exact.
    public let change: Amount?
    /// `(current - previous) / previous`; `nil` when there is nothing to compare with or divide by.
    public let changeRatio: Double?

    public init(current: Amount?, previous: Amount?) {
        self.current = current
        self.previous = previous
        if let current, let previous {
            let change = current - previous
            self.change = change
            changeRatio = Amount.ratio(change, previous)
        } else {
            change = nil
            changeRatio = nil
        }
    }

    /// No values, for building empty payloads.
    public static let empty = AmountKPI(current: nil, previous: nil)
}
