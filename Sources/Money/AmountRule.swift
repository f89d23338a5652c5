/// What a price, a discount price or an order total may be when it enters the lake or the warehouse:
/// 0 ≤ value < 10^15 with at most 4 decimal places (trailing zeros do not count: `1.50000` is fine).
/// A number or a numeric string, exponents included when the value fits (`1.99e6`). A shop's prices and
/// order totals are never negative, and no dialect or sample sends one, so `-5` is refused (`-0` is 0).
/// The collector (400 naming the field) and the loader (`bad_number`) both ask this one rule.
public enum AmountRule {
    /// Values must be below 10^maxIntegerDigits.
    public static let maxIntegerDigits = 15
    public static let maxDecimals = 4
    /// The rule in words, for error details and documentation.
    public static let summary = "0 ≤ value < 10^15, at most 4 decimal places"

    /// Why a literal was refused.
    public enum Violation: Error, Sendable, Equatable, CustomStringConvertible {
        case notANumber
        case negative
        case tooLarge
        case tooManyDecimals

        public var description: String {
            switch self {
            case .notANumber: "is not a number"
            case .negative: "is negative"
            case .tooLarge: "is 10^15 or more"
            case .tooManyDecimals: "has more than 4 decimal places"
            }
        }
    }

    /// The amount `literal` (already trimmed) stands for, with the text to store, or why it is refused.
    public static func check(_ literal: some StringProtocol) throws(Violation) -> CheckedAmount {
        guard let parsed = DecimalLiteral(literal) else { throw .notANumber }
        if parsed.isZero { return CheckedAmount(amount: .zero, text: "0") }
        guard !parsed.isNegative else { throw .negative }
        guard parsed.integerDigits <= maxIntegerDigits else { throw .tooLarge }
        guard parsed.decimals <= maxDecimals else { throw .tooManyDecimals }
        guard let amount = Amount(parsed) else { throw .tooLarge }  // not reached: the checks above keep it in range
        return CheckedAmount(amount: amount, text: amount.text(decimals: min(parsed.writtenDecimals, maxDecimals)))
    }
}

/// An amount `AmountRule` admitted, with its warehouse text: plain decimal notation, the decimals as
/// written up to 4 (`19.90` stays `19.90`, `1.99e6` becomes `1990000`).
public struct CheckedAmount: Sendable, Hashable, CustomStringConvertible {
    public let amount: Amount
    public let text: String
    public var description: String { text }
}
