/// Proleptic Gregorian calendar arithmetic on whole days since 1970-01-01, as PostgreSQL and HTTP dates count.
///
/// Integer arithmetic (Howard Hinnant's `days_from_civil` / `civil_from_days`), inlinable, instead of `Calendar` or
/// `DateFormatter`: timestamps are parsed and formatted per event on the ETL, collector and index paths.
public enum CivilCalendar {
    /// Year, month (1…12) and day (1…31) of `days` since 1970-01-01.
    @inlinable public static func date(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of `year`-`month`-`day` (month 1…12; the day is not range-checked).
    @inlinable public static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// ISO weekday (1 = Monday … 7 = Sunday) of `days` since 1970-01-01, a Thursday.
    @inlinable public static func isoWeekday(fromDays days: Int) -> Int {
        floorModulo(days + 3, 7) + 1
    }

    /// Division rounding toward negative infinity, so instants before 1970 land in the right day.
    @inlinable public static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder that goes with `floorDivide`: always in `0..<divisor` for a positive divisor.
    @inlinable public static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        value - floorDivide(value, divisor) * divisor
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    @inlinable public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        let count = digits.utf8.count
        return count >= width ? digits : String(repeating: "0", count: width - count) + digits
    }
}
