/// When visits start: a month of hourly weights for an online shop in Vietnam.
///
/// Local time is Asia/Ho_Chi_Minh, a fixed UTC+07:00 with no daylight saving since 1975, so a
/// constant offset is exact and keeps the draw independent of the host's time-zone database.
struct TrafficShape: Sendable {
    static let localOffsetSeconds = 7 * 3600

    /// Relative visits per local hour: a night trough, a lunch bump and an evening peak.
    static let hourWeights: [Double] = [
        0.38, 0.22, 0.13, 0.09, 0.08, 0.11, 0.24, 0.42, 0.62, 0.78, 0.88, 0.97,
        1.08, 1.02, 0.90, 0.85, 0.86, 0.92, 1.02, 1.22, 1.48, 1.62, 1.34, 0.78,
    ]
    /// Relative visits per local weekday, Sunday first: weekends are busier.
    static let weekdayWeights: [Double] = [1.22, 0.94, 0.93, 0.95, 0.97, 1.04, 1.18]
    /// Extra traffic over the window, first hour to last (a shop that is growing).
    static let growth = 0.35
    /// "Double day" sales (9/9, 10/10, 11/11, 12/12 …) are the big shopping days in Vietnam.
    static let doubleDayBoost = 1.8

    let startMillis: Int64
    let endMillis: Int64
    private let bucketStarts: [Int64]
    private let cumulative: [Double]

    /// Hour buckets from `startMillis` to `endMillis` (the last one may be partial).
    init(startMillis: Int64, endMillis: Int64) {
        self.startMillis = startMillis
        self.endMillis = max(endMillis, startMillis + 1)
        var starts: [Int64] = []
        var cumulative: [Double] = []
        var total = 0.0
        let span = Double(self.endMillis - startMillis)
        var bucket = startMillis
        while bucket < self.endMillis {
            let length = min(3_600_000, self.endMillis - bucket)
            let middle = bucket + length / 2
            let local = CivilTime(milliseconds: middle, offsetSeconds: Self.localOffsetSeconds)
            var weight = Self.hourWeights[local.hour] * Self.weekdayWeights[local.weekday]
            weight *= 1 + Self.growth * Double(middle - startMillis) / span
            if local.day == local.month { weight *= Self.doubleDayBoost }
            total += weight * Double(length) / 3_600_000
            starts.append(bucket)
            cumulative.append(total)
            bucket += length
        }
        bucketStarts = starts
        self.cumulative = cumulative
    }

    /// A visit start time in milliseconds, drawn from the shape.
    func sessionStart(using random: inout SeededRandom) -> Int64 {
        guard let total = cumulative.last, total > 0 else { return startMillis }
        let target = random.unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        let bucketEnd = low + 1 < bucketStarts.count ? bucketStarts[low + 1] : endMillis
        let length = bucketEnd - bucketStarts[low]
        return bucketStarts[low] + Int64(random.unit() * Double(length))
    }
}
