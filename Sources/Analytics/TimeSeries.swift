/// Event counts per bucket across the whole range, empty buckets included as zeros.
public struct TimeSeries: Sendable, Hashable, Codable {
    public let granularity: Granularity
    public let timeZone: String
    public let points: [TimeSeriesPoint]

    public init(granularity: Granularity, timeZone: String, points: [TimeSeriesPoint]) {
        self.granularity = granularity
        self.timeZone = timeZone
        self.points = points
    }

    private enum CodingKeys: String, CodingKey {
        case granularity, timeZone = "time_zone", points
    }
}
