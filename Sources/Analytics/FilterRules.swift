import Foundation

/// The defaults and limits applied when query items become `Filters`.
public struct FilterRules: Sendable {
    /// Zone used for day buckets and date inputs when the request names none.
    public var defaultTimeZone: TimeZone = .gmt
    /// Longest range a request may ask for, in days; longer ranges are refused (400).
    public var maxRangeDays = 366
    /// Days covered when `from` is absent (ending today, today included).
    public var defaultRangeDays = 7
    /// Longest free-text filter value accepted, in characters.
    public var maxValueLength = 200

    public init(defaultTimeZone: TimeZone = .gmt) {
        self.defaultTimeZone = defaultTimeZone
    }
}
