import Analytics
import Foundation

/// Short, unambiguous date text for axes, tooltips and headers (English month names, day first).
enum DateText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2025-12-06` → `6 Dec`; `withYear` adds ` 2025`.
    static func day(_ date: LocalDate, withYear: Bool = false) -> String {
        let month = months[max(0, min(11, date.month - 1))]
        return withYear ? "\(date.day) \(month) \(date.year)" : "\(date.day) \(month)"
    }

    /// Axis and tooltip text for a series bucket label (`2025-12-06` or `2025-12-06 14:00`).
    static func bucket(_ label: String, granularity: Granularity) -> (axis: String, tooltip: String) {
        guard let date = LocalDate(label.prefix(10)) else { return (label, label) }
        switch granularity {
        case .day:
            return (day(date), day(date, withYear: true))
        case .hour:
            let clock = String(label.dropFirst(11))
            return (clock == "00:00" ? day(date) : clock, "\(day(date, withYear: true)) \(clock)")
        }
    }

    /// `30 Nov – 6 Dec 2025` for date bounds; the raw bounds otherwise.
    static func range(_ filters: Filters) -> String {
        guard let from = LocalDate(filters.fromText), let to = LocalDate(filters.toText) else {
            return "\(filters.fromText) – \(filters.toText)"
        }
        if from == to { return day(from, withYear: true) }
        return "\(day(from, withYear: from.year != to.year)) – \(day(to, withYear: true))"
    }

    /// `2025-12-06 12:14` on the wall clock of `zone`.
    static func local(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let pad = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute))"
    }

    /// How long the previous period is, for "vs previous 7 days".
    static func periodLength(_ filters: Filters) -> String {
        let hours = Int((filters.duration / 3_600).rounded())
        if hours % 24 == 0 || hours > 72 {
            let days = Int((Double(hours) / 24).rounded())
            return days == 1 ? "previous day" : "previous \(days) days"
        }
        return hours == 1 ? "previous hour" : "previous \(hours) hours"
    }
}
