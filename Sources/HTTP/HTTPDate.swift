import CivilCalendar
import Foundation
import Synchronization

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) without a formatter or locale.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current time, for the `Date` header; formatted once per second, not once per response.
    static func now() -> String {
        current().text
    }

    /// `Date: <now>` with its CRLF, as bytes ready to append to a response head.
    static func headerLine() -> [UInt8] {
        current().line
    }

    private struct Cached {
        var seconds: Int
        var text: String
        var line: [UInt8]
    }

    private static func current() -> Cached {
        let seconds = Int(Date().timeIntervalSince1970)
        if let cached = cache.withLock({ $0.seconds == seconds ? $0 : nil }) {
            return cached
        }
        let text = format(secondsSince1970: seconds)
        let fresh = Cached(seconds: seconds, text: text, line: Array("Date: \(text)\r\n".utf8))
        cache.withLock { $0 = fresh }
        return fresh
    }

    private static let cache = Mutex(Cached(seconds: -1, text: "", line: []))

    /// Formats whole seconds since 1970 (UTC).
    static func format(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) "
            + "\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) GMT"
    }

    /// Parses an IMF-fixdate into seconds since 1970; nil for anything else (the obsolete forms are ignored).
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
              let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        return days(fromCivil: year, monthIndex + 1, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        CivilCalendar.date(fromDays: days)
    }

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }
}
