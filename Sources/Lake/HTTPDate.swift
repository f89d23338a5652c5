import CivilCalendar
import Foundation

/// The date forms of S3 traffic, by hand: SigV4's `yyyyMMdd'T'HHmmss'Z'` for every request, RFC 7231's
/// `Sun, 06 Nov 1994 08:49:37 GMT` from every response, ISO 8601 in listings (and ETag unquoting). With many
/// small objects in flight, `DateFormatter`s made per request and `trimmingCharacters` were a third of the client's time.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `20251206T051409Z` (UTC).
    static func amz(_ date: Date) -> String {
        let (year, month, day, seconds) = civil(date)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(seconds / 3600, 2) + pad(seconds / 60 % 60, 2)
            + pad(seconds % 60, 2) + "Z"
    }

    /// Parses `Sat, 06 Dec 2025 05:14:09 GMT`; nil for anything else.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
              let monthIndex = months.firstIndex(where: { $0 == parts[2] }) else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Parses S3's listing form `2025-12-06T05:14:09.000Z` (fraction optional, UTC only); nil otherwise.
    static func parseISO8601(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59, second <= 60 else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), let digits = number(bytes[20..<(bytes.count - 1)]) else { return nil }
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        } else if bytes[19] != UInt8(ascii: "Z") {
            return nil
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction)
    }

    /// The value of ASCII digits (at most 9 of them), nil for anything else.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    /// `"abc"` → `abc`: ETags arrive quoted.
    static func unquoted(_ text: String) -> String {
        guard text.utf8.count >= 2, text.utf8.first == UInt8(ascii: "\""), text.utf8.last == UInt8(ascii: "\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    private static func civil(_ date: Date) -> (year: Int, month: Int, day: Int, secondOfDay: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = CivilCalendar.floorDivide(total, 86_400)
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        return (year, month, day, total - days * 86_400)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        CivilCalendar.zeroPadded(value, width: width)
    }
}
