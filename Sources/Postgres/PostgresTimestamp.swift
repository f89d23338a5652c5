import CivilCalendar
import Foundation

/// Fast conversion between `Date` and PostgreSQL's ISO timestamp text, without `DateFormatter`.
public enum PostgresTimestamp {
    /// `2025-12-06T05:14:09.512000Z`: UTC, microseconds.
    public static func format(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let micros = Int64(totalMicros)
        var seconds = micros.floorDivided(by: 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        seconds -= days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(seconds / 3600, 2) + ":" + pad(seconds % 3600 / 60, 2) + ":" + pad(seconds % 60, 2)
            + "." + pad(fraction, 6) + "Z"
    }

    /// Parses `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|±HH[:MM[:SS]]]`; no offset means UTC.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        var fraction = 0.0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(digits: 2), scanner.skip(":"),
                  let minute = scanner.number(digits: 2),
                  hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            if scanner.skip(":") {
                guard let second = scanner.number(digits: 2), second < 61 else { return nil }
                seconds += second
                if scanner.skip(".") || scanner.skip(",") {
                    guard let (value, count) = scanner.digits(), count > 0 else { return nil }
                    fraction = Double(value) / pow(10, Double(count))
                }
            }
        }
        var offset = 0
        if scanner.skip("Z") || scanner.skip("z") {
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return nil }
            var minutes = 0
            var secs = 0
            if scanner.skip(":") || scanner.peekDigit() {
                guard let m = scanner.number(digits: 2) else { return nil }
                minutes = m
                if scanner.skip(":") {
                    guard let s = scanner.number(digits: 2) else { return nil }
                    secs = s
                }
            }
            offset = sign * (hours * 3600 + minutes * 60 + secs)
        }
        guard scanner.isAtEnd else { return nil }
        let days = days(fromCivil: year, month, day)
        let epochSeconds = Double(days * 86_400 + seconds - offset)
        return Date(timeIntervalSince1970: epochSeconds + fraction)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let (year, month, day) = CivilCalendar.date(fromDays: Int(days))
        return (Int64(year), Int64(month), Int64(day))
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        CivilCalendar.zeroPadded(Int(value), width: width)
    }
}

private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    func peekDigit() -> Bool { index < bytes.count && (48...57).contains(bytes[index]) }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func number(digits count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    /// Up to 9 fractional digits (more are read and ignored).
    mutating func digits() -> (Int, Int)? {
        var value = 0
        var count = 0
        while peekDigit() {
            if count < 9 {
                value = value * 10 + Int(bytes[index] - 48)
                count += 1
            }
            index += 1
        }
        return (value, count)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
