import Foundation

/// The resolved filters every metric shares: a half-open time range `[start, end)`, the zone for
/// day buckets, and optional exact-match dimensions.
public struct Filters: Sendable, Hashable {
    /// First instant included.
    public var start: Date
    /// First instant excluded.
    public var end: Date
    /// Zone for day buckets, date inputs and the times shown.
    public var timeZone: TimeZone
    /// `from` as it should appear in links and forms (`2025-12-01` or an ISO timestamp).
    public var fromText: String
    /// `to` as it should appear in links and forms; a date here is inclusive.
    public var toText: String
    /// Exact `user_login_state`; `"unknown"` selects events without one.
    public var loginState: String?
    public var eventName: String?
    public var category: String?
    public var brand: String?

    public init(
        start: Date, end: Date, timeZone: TimeZone, fromText: String, toText: String,
        loginState: String? = nil, eventName: String? = nil, category: String? = nil, brand: String? = nil
    ) {
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.fromText = fromText
        self.toText = toText
        self.loginState = loginState
        self.eventName = eventName
        self.category = category
        self.brand = brand
    }

    /// The label events without a login state get, and the filter value that selects them.
    public static let unknownLoginState = "unknown"

    /// Length of the range in seconds.
    public var duration: TimeInterval { end.timeIntervalSince(start) }

    /// Start of the previous period of equal length, which ends where this one starts.
    public var previousStart: Date { start.addingTimeInterval(-duration) }

    /// Hourly buckets for ranges up to two days (plus an hour of DST slack), daily otherwise.
    public var granularity: Granularity {
        duration <= 2 * 86_400 + 3_600 ? .hour : .day
    }

    /// The IANA name of `timeZone` ("UTC" rather than Foundation's "GMT" for the zero zone).
    public var timeZoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// The query items that reproduce these filters (empty dimensions left out), for links.
    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("from", fromText), ("to", toText), ("tz", timeZoneName)]
        let optional: [(String, String?)] = [
            ("login_state", loginState), ("event_name", eventName), ("category", category), ("brand", brand),
        ]
        for case let (name, value?) in optional { items.append((name, value)) }
        return items
    }
}

extension Filters: Encodable {
    private enum CodingKeys: String, CodingKey {
        case from, to, start, end, timeZone = "time_zone", granularity
        case loginState = "login_state", eventName = "event_name", category, brand
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fromText, forKey: .from)
        try container.encode(toText, forKey: .to)
        try container.encode(ISOTimestamp.string(start), forKey: .start)
        try container.encode(ISOTimestamp.string(end), forKey: .end)
        try container.encode(timeZoneName, forKey: .timeZone)
        try container.encode(granularity, forKey: .granularity)
        try container.encode(loginState, forKey: .loginState)
        try container.encode(eventName, forKey: .eventName)
        try container.encode(category, forKey: .category)
        try container.encode(brand, forKey: .brand)
    }
}
