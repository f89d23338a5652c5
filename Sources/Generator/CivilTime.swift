import CivilCalendar
/// Calendar fields of an instant, computed with integer arithmetic (no `DateFormatter`):
/// the generator formats two timestamps per event, and this keeps that off the profile.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int
    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int

    /// The fields of `milliseconds` since 1970 shifted by `offsetSeconds` (0 for UTC).
    init(milliseconds: Int64, offsetSeconds: Int = 0) {
        let shifted = milliseconds + Int64(offsetSeconds) * 1000
        let (days, msOfDay) = Self.floorDivide(shifted, 86_400_000)
        let seconds = Int(msOfDay / 1000)
        millisecond = Int(msOfDay % 1000)
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
        weekday = Int((days % 7 + 11) % 7)   // 1970-01-01 was a Thursday (4)
        (year, month, day) = Self.civil(fromDays: Int(days))
    }

    /// `2025-12-06T05:14:09.512Z` (meaningful for UTC fields only).
    var iso8601: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    /// `2025/12/06/05`: the hour folder of the original ingest layout.
    var hourPath: String {
        "\(pad(year, 4))/\(pad(month, 2))/\(pad(day, 2))/\(pad(hour, 2))"
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        CivilCalendar.date(fromDays: days)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        CivilCalendar.zeroPadded(value, width: width)
    }
}
