import Foundation

/// A zone's UTC offsets over whole seconds, cached per run between transitions (buckets are read
/// in order, so a month costs a handful of time zone lookups), and wall-clock arithmetic that
/// follows PostgreSQL's rules.
struct ZoneClock {
    let zone: TimeZone
    private var runStart = Int.max
    private var runEnd = Int.min
    private var runOffset = 0

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The offset in force at Unix second `instant`.
    mutating func offset(at instant: Int) -> Int {
        if instant >= runStart, instant < runEnd { return runOffset }
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        runOffset = zone.secondsFromGMT(for: date)
        runStart = instant
        if let next = zone.nextDaylightSavingTimeTransition(after: date) {
            runEnd = Int(next.timeIntervalSince1970.rounded(.up))
        } else {
            runEnd = .max
        }
        return runOffset
    }

    /// The instant a wall-clock time (Unix seconds as if the zone were UTC) names, as PostgreSQL's
    /// `timestamp AT TIME ZONE` resolves it: in a gap the offset from before the change applies,
    /// in an overlap the later instant (the offset from after the change).
    mutating func instant(forLocal local: Int) -> Int {
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if before == after { return local - before }
        let earlier = local - before
        let later = local - after
        let earlierValid = offset(at: earlier) == before
        let laterValid = offset(at: later) == after
        switch (earlierValid, laterValid) {
        case (true, false): return earlier
        case (false, true): return later
        case (true, true): return max(earlier, later)
        case (false, false): return earlier
        }
    }

    /// True when every offset in `[start, end)` is a whole number of quarter hours and changes only
    /// on quarter-hour boundaries, so each 15-minute UTC bucket lies within one local quarter hour.
    static func isQuarterHourAligned(_ zone: TimeZone, from start: Int, to end: Int) -> Bool {
        var instant = start
        while instant < end {
            let date = Date(timeIntervalSince1970: TimeInterval(instant))
            guard zone.secondsFromGMT(for: date) % 900 == 0 else { return false }
            guard let next = zone.nextDaylightSavingTimeTransition(after: date) else { return true }
            let seconds = next.timeIntervalSince1970
            guard seconds < TimeInterval(end) else { return true }
            guard seconds.rounded() == seconds, Int(seconds) % 900 == 0, Int(seconds) > instant else { return false }
            instant = Int(seconds)
        }
        return true
    }
}
