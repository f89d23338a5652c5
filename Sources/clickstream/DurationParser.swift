/// Parses `250ms`, `90s`, `15m`, `1h`, `1h30m`, or a bare number of seconds (ETL_INTERVAL, flags).
enum DurationParser {
    static func parse(_ text: String) -> Duration? {
        if let seconds = Double(text), seconds > 0 { return .milliseconds(Int64(seconds * 1000)) }
        var total: Int64 = 0
        var rest = Substring(text.lowercased())
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "h": total += value * 3_600_000
            case "m": total += value * 60_000
            case "s": total += value * 1_000
            case "ms": total += value
            default: return nil
            }
        }
        guard total > 0 else { return nil }
        return .milliseconds(total)
    }
}
