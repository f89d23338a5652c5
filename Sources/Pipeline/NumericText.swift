/// A number kept as its exact decimal text, for a `numeric` column: COPY takes text, so there is no
/// reason to go through `Decimal` (slow to parse, and prices must keep every digit anyway).
///
/// Only text PostgreSQL's numeric input accepts is admitted: an optional sign, digits with an optional
/// fraction, an optional exponent of at most `maxExponent`, no more than `maxLength` characters.
public struct NumericText: Sendable, Hashable, CustomStringConvertible {
    /// Longest literal accepted.
    public static let maxLength = 40
    /// Largest exponent accepted (numeric's own limits are far larger; this keeps values sane).
    public static let maxExponent = 1_000

    /// The literal as sent ("1990000", "694.83", "1e3").
    public let text: String

    /// The literal when it is a number, nil otherwise (".5", "1.", "1,990", "NaN" are refused).
    public init?(_ literal: String) {
        guard Self.isValid(literal) else { return nil }
        text = literal
    }

    public var description: String { text }

    private static func isValid(_ literal: String) -> Bool {
        let utf8 = literal.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength else { return false }
        var sawDigit = false, sawDot = false, sawExponent = false, exponentDigits = 0, exponent = 0
        var previous: UInt8 = 0
        for byte in utf8 {
            switch byte {
            case 0x30...0x39:
                if sawExponent {
                    exponentDigits += 1
                    exponent = min(exponent * 10 + Int(byte - 0x30), maxExponent + 1)
                } else {
                    sawDigit = true
                }
            case UInt8(ascii: "."):
                guard !sawDot, !sawExponent, sawDigit else { return false }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard !sawExponent, sawDigit, previous != UInt8(ascii: ".") else { return false }
                sawExponent = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard previous == 0 || previous | 0x20 == UInt8(ascii: "e") else { return false }
            default:
                return false
            }
            previous = byte
        }
        guard sawDigit, previous >= 0x30, previous <= 0x39 else { return false }
        return !sawExponent || (exponentDigits > 0 && exponent <= maxExponent)
    }
}
