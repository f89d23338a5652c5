extension MetricsSnapshot {
    /// Events per local hour (ranges up to two days) or local day, zeros included, labelled and
    /// started exactly as the SQL path does.
    func timeSeries(_ f: Filters) -> TimeSeries {
        let start = Int(f.start.timeIntervalSince1970)
        let end = Int(f.end.timeIntervalSince1970)
        var clock = ZoneClock(f.timeZone)
        let points: [TimeSeriesPoint]
        switch f.granularity {
        case .hour:
            // date_trunc('hour', t, zone) keeps t's own offset; the series steps absolute hours.
            let first = start - CivilDay.floorMod(start + clock.offset(at: start), 3_600)
            let count = end > first ? (end - first + 3_599) / 3_600 : 0
            var events = [Int](repeating: 0, count: count)
            forEachBucket(f) { bucket, matching in
                let instant = bucket.startSeconds
                let hour = instant - CivilDay.floorMod(instant + clock.offset(at: instant), 3_600)
                // An hour off the series' phase (a zone changing its offset by a half hour) has no
                // point, as the SQL's join drops it.
                let distance = hour - first
                if distance >= 0, distance % 3_600 == 0, distance / 3_600 < count { events[distance / 3_600] += matching }
            }
            points = events.indices.map { index in
                let instant = first + index * 3_600
                return TimeSeriesPoint(start: CivilDay.isoUTC(instant),
                                       label: CivilDay.minuteLabel(instant + clock.offset(at: instant)),
                                       events: events[index])
            }
        case .day:
            let firstDay = CivilDay.floorDivide(start + clock.offset(at: start), 86_400)
            let lastDay = CivilDay.floorDivide(end - 1 + clock.offset(at: end - 1), 86_400)
            var events = [Int](repeating: 0, count: max(0, lastDay - firstDay + 1))
            forEachBucket(f) { bucket, matching in
                let instant = bucket.startSeconds
                let day = CivilDay.floorDivide(instant + clock.offset(at: instant), 86_400)
                if day >= firstDay, day <= lastDay { events[day - firstDay] += matching }
            }
            points = events.indices.map { index in
                let day = firstDay + index
                return TimeSeriesPoint(start: CivilDay.isoUTC(clock.instant(forLocal: day * 86_400)),
                                       label: CivilDay.label(day), events: events[index])
            }
        }
        return TimeSeries(granularity: f.granularity, timeZone: f.timeZoneName, points: points)
    }

    /// Events by local ISO weekday and hour; all 168 cells, Monday 00:00 first.
    func heatmap(_ f: Filters) -> Heatmap {
        var clock = ZoneClock(f.timeZone)
        var events = [Int](repeating: 0, count: 7 * 24)
        forEachBucket(f) { bucket, matching in
            let local = bucket.startSeconds + clock.offset(at: bucket.startSeconds)
            let weekday = CivilDay.isoWeekday(CivilDay.floorDivide(local, 86_400))
            let hour = CivilDay.floorMod(local, 86_400) / 3_600
            events[(weekday - 1) * 24 + hour] += matching
        }
        let cells = events.indices.map { HeatmapCell(weekday: $0 / 24 + 1, hour: $0 % 24, events: events[$0]) }
        return Heatmap(timeZone: f.timeZoneName, cells: cells)
    }

    /// Calls `body` with each bucket of the range, ascending, and its events within the filters.
    private func forEachBucket(_ f: Filters, _ body: (IndexBucket, Int) -> Void) {
        let filter = ComboFilter(f, store.dimensions)
        filter.matches.withUnsafeBufferPointer { matches in
            for position in store.plan(Self.buckets(from: f.start, to: f.end)).buckets {
                let bucket = store.buckets[position]
                let matching = filter.isUnfiltered ? bucket.events : bucket.cells.events(where: matches)
                if matching > 0 { body(bucket, matching) }
            }
        }
    }
}
