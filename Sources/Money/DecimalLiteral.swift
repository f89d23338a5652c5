/// A decimal literal taken apart, before anything is computed from it: `-12.50e3` is negative, has the
/// significant digits `125` and the exponent `2` (125 × 10^2), and was written with no decimals.
///
/// Grammar (JSON's number, plus an optional `+` and leading zeros): `[+-]? digit+ (. digit+)? ([eE] [+-]? digit+)?`.
/// ".5", "1.", "1,990", "NaN" and "0x10" are not literals. Nothing is materialized here, so `1e999999999`
/// costs no more than its text: callers look at the digit count and exponent before building a value.
public struct DecimalLiteral: Sendable, Equatable {
    /// Written exponents are clamped to this magnitude: anything near it is far outside every rule.
    static let exponentClamp = 1_000_000_000

    public var isNegative: Bool
    /// Significant digits (0...9), without leading or trailing zeros; empty for zero.
    public var digits: [UInt8]
    /// value = digits × 10^exponent.
    public var exponent: Int
    /// Decimal places as written once the exponent is applied (`1.50` 2, `1.5e-2` 3, `15e2` 0): the
    /// display scale a `numeric` column keeps.
    public var writtenDecimals: Int

    public var isZero: Bool { digits.isEmpty }

    /// Digits before the decimal point (0 for values below 1).
    public var integerDigits: Int { isZero ? 0 : max(0, digits.count + exponent) }

    /// Decimal places the value needs (trailing zeros do not count).
    public var decimals: Int { max(0, -exponent) }

    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)
        var index = 0
        isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: [UInt8] = []
        var fractionCount = 0
        let integerStart = index
        while index < bytes.count, let digit = Self.digit(bytes[index]) { mantissa.append(digit); index += 1 }
        guard index > integerStart else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, let digit = Self.digit(bytes[index]) { mantissa.append(digit); index += 1 }
            fractionCount = index - fractionStart
            guard fractionCount > 0 else { return nil }
        }
        var written = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var negativeExponent = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                written = min(written * 10 + Int(digit), Self.exponentClamp)
                index += 1
            }
            guard index > exponentStart else { return nil }
            if negativeExponent { written = -written }
        }
        guard index == bytes.count else { return nil }
        bytes = []
        writtenDecimals = max(0, fractionCount - written)
        // Strip leading zeros, then move trailing zeros into the exponent.
        let firstSignificant = mantissa.firstIndex { $0 != 0 } ?? mantissa.count
        var lastSignificant = mantissa.count
        while lastSignificant > firstSignificant, mantissa[lastSignificant - 1] == 0 { lastSignificant -= 1 }
        digits = Array(mantissa[firstSignificant..<lastSignificant])
        exponent = digits.isEmpty ? 0 : written - fractionCount + (mantissa.count - lastSignificant)
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : nil
    }
}
