import CivilCalendar

/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian, as PostgreSQL counts).
enum CivilDay {
    /// Year, month and day of `days` since the Unix epoch.
    static func date(_ days: Int) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.date(fromDays: days)
    }

    /// ISO weekday (1 = Monday … 7 = Sunday) of `days` since 1970-01-01.
    static func isoWeekday(_ days: Int) -> Int {
        CivilCalendar.isoWeekday(fromDays: days)
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
        CivilCalendar.floorDivide(value, divisor)
    }

    static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        CivilCalendar.floorModulo(value, divisor)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        CivilCalendar.zeroPadded(value, width: width)
    }
}
