/// Parses `90s`, `15m`, `1h`, `1h30m`, or a bare number of seconds (ETL_INTERVAL, flags).
enum DurationParser {
    static func parse(_ text: String) -> Duration? {
        if let seconds = Double(text), seconds > 0 { return .milliseconds(Int64(seconds * 1000)) }
        var total: Int64 = 0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int64(number) else { return nil }
            switch character {
            case "h": total += value * 3_600_000
            case "m": total += value * 60_000
            case "s": total += value * 1_000
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return .milliseconds(total)
    }
}
