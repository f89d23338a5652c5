import Foundation

extension Filters {
    /// The query parameters filters read; anything else (`cursor`, `format`) is left to the caller.
    public static let parameterNames: Set<String> = ["from", "to", "tz", "login_state", "event_name", "category", "brand"]

    /// Resolves query items (already percent-decoded) into filters. Empty values count as absent,
    /// because a plain GET form sends every field. The first value of a repeated name wins.
    public init(queryItems: [(name: String, value: String)], rules: FilterRules = .init(), now: Date = .now) throws(FilterError) {
        var values: [String: String] = [:]
        for item in queryItems where Self.parameterNames.contains(item.name) && values[item.name] == nil {
            let trimmed = item.value.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { values[item.name] = trimmed }
        }
        let zone = try Self.timeZone(values["tz"], default: rules.defaultTimeZone)
        let today = LocalDate(containing: now, in: zone)

        let from = try values["from"].map { text throws(FilterError) in try Self.bound(text, parameter: "from", zone: zone) }
        let to = try values["to"].map { text throws(FilterError) in try Self.bound(text, parameter: "to", zone: zone) }
        let defaultDays = max(1, rules.defaultRangeDays)

        let (end, toText): (Date, String)
        switch to {
        case .day(let day)?: (end, toText) = (try Self.startOfDay(day.adding(days: 1), zone, "to"), day.description)
        case .instant(let instant, let text)?: (end, toText) = (instant, text)
        case nil: (end, toText) = (try Self.startOfDay(today.adding(days: 1), zone, "to"), today.description)
        }
        let (start, fromText): (Date, String)
        switch from {
        case .day(let day)?: (start, fromText) = (try Self.startOfDay(day, zone, "from"), day.description)
        case .instant(let instant, let text)?: (start, fromText) = (instant, text)
        case nil:
            // Default: the last N days ending with `to`'s day (today when `to` is absent too).
            let lastDay = LocalDate(containing: end.addingTimeInterval(-1), in: zone)
            let first = lastDay.adding(days: -(defaultDays - 1))
            (start, fromText) = (try Self.startOfDay(first, zone, "from"), first.description)
        }

        guard start < end else {
            throw FilterError(parameter: "from", message: "The start (from = \(fromText)) must be before the end (to = \(toText)).")
        }
        let maxSeconds = Double(rules.maxRangeDays) * 86_400 + 3_600
        guard end.timeIntervalSince(start) <= maxSeconds else {
            throw FilterError(parameter: "from", message: "The range from \(fromText) to \(toText) is longer than the \(rules.maxRangeDays) days allowed.")
        }
        self.init(
            start: start, end: end, timeZone: zone, fromText: fromText, toText: toText,
            loginState: try Self.text(values["login_state"], "login_state", rules),
            eventName: try Self.text(values["event_name"], "event_name", rules),
            category: try Self.text(values["category"], "category", rules),
            brand: try Self.text(values["brand"], "brand", rules))
    }

    /// A `from`/`to` value: a whole day in the filter's zone, or an exact instant.
    private enum Bound {
        case day(LocalDate)
        case instant(Date, String)
    }

    /// Far dates (year 1, year 0) made PostgreSQL fail on the previous period's start (a 500), or read as another
    /// calendar's; no click stream lies outside these years.
    private static func bound(_ text: String, parameter: String, zone: TimeZone) throws(FilterError) -> Bound {
        let outside = FilterError(parameter: parameter, message: "\(parameter) (\(preview(text))) is outside the supported dates, 1900-01-01 to 9998-12-31.")
        if let day = LocalDate(text) {
            guard (1900...9998).contains(day.year) else { throw outside }
            return .day(day)
        }
        if let instant = ISOTimestamp.parse(text, localZone: zone) {
            guard supportedInstants.contains(instant) else { throw outside }
            return .instant(instant, ISOTimestamp.string(instant))
        }
        throw FilterError(parameter: parameter, message: "\(parameter) must be a date (YYYY-MM-DD) or an ISO 8601 timestamp, not “\(preview(text))”.")
    }

    private static func startOfDay(_ day: LocalDate, _ zone: TimeZone, _ parameter: String) throws(FilterError) -> Date {
        guard let start = day.start(in: zone) else {
            throw FilterError(parameter: parameter, message: "\(parameter) (\(day)) has no start in \(zone.identifier).")
        }
        return start
    }

    /// Timestamps from 1900-01-01 to the start of 9999, UTC.
    static let supportedInstants = Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 253_370_764_800)

    private static func timeZone(_ name: String?, default fallback: TimeZone) throws(FilterError) -> TimeZone {
        guard let name else { return fallback }
        guard let zone = ianaTimeZone(name) else {
            throw FilterError(parameter: "tz", message: "tz must be an IANA time zone name such as Asia/Ho_Chi_Minh or UTC, not “\(preview(name))”.")
        }
        return zone
    }

    /// The zone an IANA name (or UTC, GMT) names; nil for anything else, POSIX-style names such as "GMT+7"
    /// included: Foundation reads those one way and PostgreSQL, which the queries hand the zone to, the other.
    public static func ianaTimeZone(_ name: String) -> TimeZone? {
        if name == "UTC" || name == "GMT" { return .gmt }
        // Area/Location names are IANA; the known list leaves out aliases such as Asia/Kolkata.
        let isAreaName = name.contains("/") && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) }
        guard knownZoneNames.contains(name) || isAreaName else { return nil }
        return TimeZone(identifier: name)
    }

    private static let knownZoneNames = Set(TimeZone.knownTimeZoneIdentifiers)

    private static func text(_ value: String?, _ parameter: String, _ rules: FilterRules) throws(FilterError) -> String? {
        guard let value else { return nil }
        guard value.count <= rules.maxValueLength else {
            throw FilterError(parameter: parameter, message: "\(parameter) is longer than \(rules.maxValueLength) characters.")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw FilterError(parameter: parameter, message: "\(parameter) contains control characters.")
        }
        return value
    }

    /// A short, single-line excerpt of user input for messages (escaped later by the page).
    private static func preview(_ text: String) -> String {
        let line = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}
