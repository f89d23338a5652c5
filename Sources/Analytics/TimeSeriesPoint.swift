/// One bucket of a time series.
public struct TimeSeriesPoint: Sendable, Hashable, Codable {
    /// The bucket's first instant, ISO 8601 in UTC.
    public let start: String
    /// The bucket on the wall clock of the series' zone: `2025-12-06` or `2025-12-06 14:00`.
    public let label: String
    public let events: Int

    public init(start: String, label: String, events: Int) {
        self.start = start
        self.label = label
        self.events = events
    }
}
