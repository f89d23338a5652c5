/// Width of the buckets in a time series.
public enum Granularity: String, Sendable, Codable, Hashable {
    case hour
    case day
}
