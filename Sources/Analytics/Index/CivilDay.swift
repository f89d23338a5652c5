/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian, as PostgreSQL counts).
enum CivilDay {
    /// Year, month and day of `days` since the Unix epoch (Howard Hinnant's civil_from_days).
    static func date(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday (1 = Monday … 7 = Sunday) of `days` since 1970-01-01, a Thursday.
    static func isoWeekday(_ days: Int) -> Int {
        floorMod(days + 3, 7) + 1
    }

    /// `YYYY-MM-DD` of `days`.
    static func label(_ days: Int) -> String {
        let (year, month, day) = date(days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `YYYY-MM-DD HH:MM` of wall-clock seconds `local`.
    static func minuteLabel(_ local: Int) -> String {
        let seconds = floorMod(local, 86_400)
        return label(floorDivide(local, 86_400)) + " " + pad(seconds / 3_600, 2) + ":" + pad(seconds % 3_600 / 60, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of Unix second `instant`, as the SQL path formats bucket starts.
    static func isoUTC(_ instant: Int) -> String {
        let seconds = floorMod(instant, 86_400)
        return label(floorDivide(instant, 86_400)) + "T" + pad(seconds / 3_600, 2) + ":" + pad(seconds % 3_600 / 60, 2)
            + ":" + pad(seconds % 60, 2) + "Z"
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor != 0 && (value < 0) != (divisor < 0) ? quotient - 1 : quotient
    }

    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        value - floorDivide(value, divisor) * divisor
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
