import CivilCalendar
import Testing

@Suite("Civil calendar arithmetic")
struct CivilCalendarTests {
    @Test("day counts and dates round-trip across four centuries, before and after 1970")
    func roundTrip() {
        for days in stride(from: -146_097, through: 146_097, by: 1) {
            let (year, month, day) = CivilCalendar.date(fromDays: days)
            #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
        }
    }

    @Test("known dates: the epoch, a leap day, the day before the epoch, a century that is not a leap year")
    func knownDates() {
        #expect(CivilCalendar.date(fromDays: 0) == (1970, 1, 1))
        #expect(CivilCalendar.date(fromDays: -1) == (1969, 12, 31))
        #expect(CivilCalendar.days(year: 2024, month: 2, day: 29) == 19_782)
        #expect(CivilCalendar.days(year: 2100, month: 3, day: 1) - CivilCalendar.days(year: 2100, month: 2, day: 28) == 1)
    }

    @Test("ISO weekdays: 1970-01-01 was a Thursday, 1969-12-29 a Monday")
    func weekdays() {
        #expect(CivilCalendar.isoWeekday(fromDays: 0) == 4)
        #expect(CivilCalendar.isoWeekday(fromDays: -3) == 1)
    }

    @Test("floor division rounds toward negative infinity, and its remainder is never negative")
    func floorDivision() {
        #expect(CivilCalendar.floorDivide(-1, 86_400) == -1)
        #expect(CivilCalendar.floorModulo(-1, 86_400) == 86_399)
        #expect(CivilCalendar.floorDivide(86_400, 86_400) == 1)
    }

    @Test("zero padding keeps wider numbers whole")
    func padding() {
        #expect(CivilCalendar.zeroPadded(7, width: 3) == "007")
        #expect(CivilCalendar.zeroPadded(12_345, width: 3) == "12345")
    }
}
