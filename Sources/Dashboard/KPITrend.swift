import Analytics
import Foundation

/// The KPIs over consecutive sub-periods of the range: the data of the cards' sparklines. The range
/// is cut at local day (or, up to two days, hour) boundaries, so each part is one exact summary and
/// sums of counts over the parts equal the whole.
enum KPITrend {
    /// One sub-period: its label and the filters that select it.
    struct Period: Sendable {
        let label: String
        let filters: Filters
    }

    /// One computed sub-period.
    struct Point: Sendable {
        let label: String
        let summary: Summary
    }

    /// At most `maxPoints` periods of whole days (whole hours for ranges up to two days), as equal in
    /// length as the count allows.
    static func periods(_ filters: Filters, maxPoints: Int) -> [Period] {
        guard maxPoints > 0 else { return [] }
        var boundaries: [Date] = [filters.start]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = filters.timeZone
        let unit: Calendar.Component = filters.granularity == .hour ? .hour : .day
        var cursor = calendar.dateInterval(of: unit, for: filters.start)?.end ?? filters.end
        while cursor < filters.end {
            boundaries.append(cursor)
            guard let next = calendar.date(byAdding: unit, value: 1, to: cursor), next > cursor else { break }
            cursor = next
        }
        boundaries.append(filters.end)
        let units = boundaries.count - 1
        guard units > 0 else { return [] }
        let count = min(units, maxPoints)
        // Spread the units over `count` periods: the first `units % count` periods get one more.
        let base = units / count
        let extra = units % count
        var periods: [Period] = []
        var index = 0
        for period in 0..<count {
            let length = base + (period < extra ? 1 : 0)
            var part = filters
            part.start = boundaries[index]
            part.end = boundaries[index + length]
            part.fromText = ISOTimestamp.string(part.start)
            part.toText = ISOTimestamp.string(part.end)
            periods.append(Period(label: label(part, unit: unit), filters: part))
            index += length
        }
        return periods
    }

    /// `6 Dec`, `6 Dec – 8 Dec`, `14:00`, `6 Dec 14:00 – 16:00`.
    static func label(_ filters: Filters, unit: Calendar.Component) -> String {
        let zone = filters.timeZone
        let lastInstant = filters.end.addingTimeInterval(-1)
        let first = LocalDate(containing: filters.start, in: zone)
        let last = LocalDate(containing: lastInstant, in: zone)
        if unit == .day {
            return first == last ? DateText.day(first) : "\(DateText.day(first)) – \(DateText.day(last))"
        }
        let startClock = String(DateText.local(filters.start, in: zone).suffix(5))
        let endClock = String(DateText.local(filters.end, in: zone).suffix(5))
        return "\(DateText.day(first)) \(startClock)–\(endClock == "00:00" ? "24:00" : endClock)"
    }
}
