import Foundation

/// Locale-independent number text for the page: thousands separators, fixed decimals, percentages.
/// The same output on every server, whatever its locale.
enum NumberFormat {
    /// `12345` → `12,345`.
    static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A double with `fractionDigits` decimals and thousands separators (`1,234.5`).
    static func decimal(_ value: Double, fractionDigits: Int = 0) -> String {
        guard value.isFinite else { return "—" }
        let scale = pow(10, Double(fractionDigits))
        let rounded = (abs(value) * scale).rounded() / scale
        let whole = Int(rounded.rounded(.down))
        var text = integer(whole)
        if fractionDigits > 0 {
            let fraction = Int(((rounded - Double(whole)) * scale).rounded())
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: max(0, fractionDigits - padded.count)) + padded
        }
        return value < 0 && rounded != 0 ? "-" + text : text
    }

    /// A whole number when it is one, else up to two decimals (`1,990,000`, `19.9`).
    static func amount(_ value: Double) -> String {
        value == value.rounded() ? decimal(value) : decimal(value, fractionDigits: 2)
    }

    /// A decimal as the warehouse printed it (`1990000`, `19.90`), grouped without going through
    /// a binary double, so large prices stay exact. Anything unexpected is shown as it came.
    static func decimalText(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, !wholePart.isEmpty, wholePart.allSatisfy(\.isNumber),
              let whole = Int(wholePart) else { return text }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let grouped = integer(whole) + (fraction.isEmpty ? "" : "." + fraction)
        return negative ? "-" + grouped : grouped
    }

    /// A fraction as a percentage: `0.1234` → `12.3%`.
    static func percent(_ fraction: Double, fractionDigits: Int = 1) -> String {
        decimal(fraction * 100, fractionDigits: fractionDigits) + "%"
    }

    /// Short axis text: `950`, `1.2k`, `3.4M`.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let (scaled, suffix): (Double, String) = switch magnitude {
        case 1e9...: (value / 1e9, "B")
        case 1e6...: (value / 1e6, "M")
        case 1e4...: (value / 1e3, "k")
        default: (value, "")
        }
        let digits = scaled == scaled.rounded() ? 0 : 1
        return decimal(scaled, fractionDigits: digits) + suffix
    }
}
