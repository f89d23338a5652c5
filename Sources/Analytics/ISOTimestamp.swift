import Foundation

/// ISO 8601 text for instants and the timestamp forms a filter accepts.
public enum ISOTimestamp {
    /// `2025-12-06T05:14:09Z`, or with milliseconds when the instant has a fraction.
    public static func string(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let hasFraction = seconds != seconds.rounded(.down)
        return Date.ISO8601FormatStyle(includingFractionalSeconds: hasFraction, timeZone: .gmt).format(date)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (a space may replace `T`) with an optional `Z` or
    /// `±HH:MM`/`±HHMM` offset. Without an offset the wall-clock time is read in `localZone`.
    public static func parse(_ text: String, localZone: TimeZone) -> Date? {
        let chars = Array(text)
        guard chars.count >= 16, chars[10] == "T" || chars[10] == " ",
              let date = LocalDate(String(chars[0..<10]))
        else { return nil }
        var rest = Array(chars[11...])
        var offsetSeconds: Int?
        if rest.last == "Z" || rest.last == "z" {
            offsetSeconds = 0
            rest.removeLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let offset = parseOffset(rest[signIndex...]) else { return nil }
            offsetSeconds = offset
            rest.removeSubrange(signIndex...)
        }
        guard let (hour, minute, second, nanos) = parseClock(rest) else { return nil }
        var parts = DateComponents(year: date.year, month: date.month, day: date.day,
                                   hour: hour, minute: minute, second: second, nanosecond: nanos)
        if let offsetSeconds {
            guard let zone = TimeZone(secondsFromGMT: offsetSeconds) else { return nil }
            parts.timeZone = zone
            return LocalDate.calendar(zone).date(from: parts)
        }
        return LocalDate.calendar(localZone).date(from: parts)
    }

    private static func parseClock(_ chars: [Character]) -> (Int, Int, Int, Int)? {
        let main = chars.prefix { $0 != "." }
        let fields = main.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3,
              fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(String(fields[0])), let minute = Int(String(fields[1])),
              hour < 24, minute < 60
        else { return nil }
        let second = fields.count == 3 ? Int(String(fields[2])) ?? 99 : 0
        guard second < 60 else { return nil }
        var nanos = 0
        if main.count < chars.count {
            guard fields.count == 3 else { return nil }
            let digits = chars[(main.count + 1)...]
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit),
                  let value = Int(String(digits))
            else { return nil }
            nanos = value * Int(pow(10, Double(9 - digits.count)))
        }
        return (hour, minute, second, nanos)
    }

    private static func parseOffset(_ chars: ArraySlice<Character>) -> Int? {
        guard let sign = chars.first else { return nil }
        let digits = chars.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit),
              let hours = Int(String(digits.prefix(2))), let minutes = Int(String(digits.suffix(2))),
              hours <= 14, minutes < 60
        else { return nil }
        let total = hours * 3_600 + minutes * 60
        return sign == "-" ? -total : total
    }
}
