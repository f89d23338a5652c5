/// Short, exact-enough durations for freshness and run times: `42 s`, `3 min`, `2 h 05 min`, `3 d 4 h`.
enum DurationText {
    static func short(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let sign = seconds < 0 ? "-" : ""
        let total = Int(abs(seconds).rounded())
        switch total {
        case ..<60: return "\(sign)\(total) s"
        case ..<3_600: return "\(sign)\(total / 60) min"
        case ..<86_400:
            let minutes = (total % 3_600) / 60
            return "\(sign)\(total / 3_600) h \(minutes < 10 ? "0" : "")\(minutes) min"
        default: return "\(sign)\(total / 86_400) d \((total % 86_400) / 3_600) h"
        }
    }
}
