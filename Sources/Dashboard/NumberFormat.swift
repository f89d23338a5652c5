import Foundation
import Money

/// Locale-independent number text for the page: thousands separators, fixed decimals, percentages.
/// The same output on every server, whatever its locale.
enum NumberFormat {
    /// `12345` → `12,345`.
    static func integer(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(String(value.magnitude))
    }

    /// Digits with a comma every three from the right (`1234567` → `1,234,567`), however many.
    private static func grouped(_ digits: some StringProtocol) -> String {
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
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

    /// An exact amount, grouped: a whole number as one (`1,990,000`), otherwise every decimal it has and
    /// at least two (`19.90`, `0.1234`), however long (`1e400` shows all 401 digits; no double rounds it).
    static func amount(_ amount: Amount) -> String {
        guard amount.isFinite else { return amount.signum == 0 ? "not a number" : (amount.signum > 0 ? "∞" : "-∞") }
        return grouped(amount, minimumDecimals: 2)
    }

    /// A decimal as the warehouse printed it (`1990000`, `19.90`), grouped without going through a
    /// binary double, trailing zeros dropped (`1,990,000`, `19.9`), however many digits. Anything
    /// unexpected is shown as it came.
    static func decimalText(_ text: String) -> String {
        guard let amount = Amount(text), amount.isFinite else { return text }
        return grouped(amount, minimumDecimals: 0)
    }

    /// A finite amount's exact digits, the whole part grouped, a fraction padded to `minimumDecimals`.
    private static func grouped(_ amount: Amount, minimumDecimals: Int) -> String {
        let plain = amount.description
        let negative = plain.hasPrefix("-")
        let parts = plain.dropFirst(negative ? 1 : 0).split(separator: ".", maxSplits: 1)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if !fraction.isEmpty, fraction.count < minimumDecimals {
            fraction += String(repeating: "0", count: minimumDecimals - fraction.count)
        }
        return (negative ? "-" : "") + grouped(parts.first ?? "0") + (fraction.isEmpty ? "" : "." + fraction)
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
