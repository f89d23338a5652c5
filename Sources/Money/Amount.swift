/// An exact decimal amount: a price, an order total or a sum of them, whatever a warehouse holds.
///
/// Two representations, one value: every amount `AmountRule` admits, and any sum of up to 10^19 of them,
/// is a scaled `Int128` (units of 10^-4: adding is one instruction); anything else an older warehouse
/// may hold (`1e400`, `1e-400`, forty decimals) is a `WideDecimal`, still exact, only slower. Sums move
/// from the first to the second on overflow, so no value makes a metric fail or round. PostgreSQL's
/// `NaN` and `±Infinity` (only writable by hand) are kept as such: they have no digits to show.
public struct Amount: Sendable, Hashable, CustomStringConvertible {
    /// Decimal places of the scaled representation.
    static let scale = 4
    static let unitsPerOne: Int128 = 10_000

    enum Storage: Sendable, Hashable {
        case scaled(Int128)
        case wide(WideDecimal)
        case notANumber
        case infinity(isNegative: Bool)
    }

    let storage: Storage

    public static let zero = Amount(units: 0)

    init(units: Int128) { storage = .scaled(units) }

    init(_ wide: WideDecimal) {
        storage = wide.scaledUnits(Self.scale).map(Storage.scaled) ?? .wide(wide)
    }

    private init(storage: Storage) { self.storage = storage }

    /// The value of a decimal literal or of PostgreSQL's `numeric` text (`1990000`, `-0.5`, `1e400`,
    /// `NaN`, `Infinity`), exactly; nil for anything else, and for exponents past numeric's own range.
    public init?(_ text: some StringProtocol) {
        switch text {
        case "NaN": self.init(storage: .notANumber)
        case "Infinity", "+Infinity": self.init(storage: .infinity(isNegative: false))
        case "-Infinity": self.init(storage: .infinity(isNegative: true))
        default:
            guard let literal = DecimalLiteral(text), let amount = Amount(literal) else { return nil }
            self = amount
        }
    }

    /// The literal's value: straight to units in the common case (every amount the rule admits, and
    /// their sums), else a wide decimal; nil past numeric's own range.
    init?(_ literal: DecimalLiteral) {
        if literal.exponent >= -Self.scale, literal.digits.count + literal.exponent + Self.scale <= 38 {
            var units: Int128 = 0
            for digit in literal.digits { units = units * 10 + Int128(digit) }
            for _ in 0..<(literal.exponent + Self.scale) { units *= 10 }
            self.init(units: literal.isNegative ? -units : units)
        } else {
            guard let wide = WideDecimal(literal) else { return nil }
            self.init(wide)
        }
    }

    /// An integer amount.
    public init(_ value: Int) { storage = .scaled(Int128(value) * Self.unitsPerOne) }

    /// False for NaN and the infinities, which have no digits.
    public var isFinite: Bool {
        switch storage {
        case .scaled, .wide: true
        case .notANumber, .infinity: false
        }
    }

    /// -1, 0 or 1 (0 for NaN).
    public var signum: Int {
        switch storage {
        case .scaled(let units): units.signum() == 0 ? 0 : (units < 0 ? -1 : 1)
        case .wide(let wide): wide.isZero ? 0 : (wide.isNegative ? -1 : 1)
        case .notANumber: 0
        case .infinity(let isNegative): isNegative ? -1 : 1
        }
    }

    /// Plain decimal notation without trailing zeros (`1990000`, `-0.5`, 401 digits for 1e400): a valid
    /// JSON number for finite amounts; `NaN`, `Infinity` and `-Infinity` otherwise.
    public var description: String { text(decimals: nil) }

    /// Scaled amounts with exactly `decimals` places (0...4; `AmountRule` asks only for places that hold
    /// no digit it would drop), or without trailing zeros when nil; wide ones always without.
    func text(decimals: Int?) -> String {
        switch storage {
        case .scaled(let units):
            let magnitude = units.magnitude
            let whole = String(magnitude / UInt128(Self.unitsPerOne))
            var fraction = String(magnitude % UInt128(Self.unitsPerOne))
            fraction = String(repeating: "0", count: Self.scale - fraction.count) + fraction
            if let decimals {
                fraction = String(fraction.prefix(decimals))
            } else {
                while fraction.hasSuffix("0") { fraction.removeLast() }
            }
            return (units < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
        case .wide(let wide): return wide.description
        case .notANumber: return "NaN"
        case .infinity(let isNegative): return isNegative ? "-Infinity" : "Infinity"
        }
    }

    /// The nearest double (correctly rounded from the exact text); ±infinity past Double's range.
    public var doubleValue: Double {
        switch storage {
        case .scaled(let units) where units.magnitude < (1 << 53): return Double(units) / Double(Self.unitsPerOne)
        case .notANumber: return .nan
        case .infinity(let isNegative): return isNegative ? -.infinity : .infinity
        default: return Double(description) ?? .nan
        }
    }

    /// `a / b` as a double, also when both are beyond Double's range (`2e400 / 1e400` is 2); nil when `b`
    /// is zero, either is not finite, or the quotient itself is out of Double's range.
    public static func ratio(_ a: Amount, _ b: Amount) -> Double? {
        guard a.isFinite, b.isFinite, b.signum != 0 else { return nil }
        guard a.signum != 0 else { return 0 }
        let (aMantissa, aExponent) = a.scientific
        let (bMantissa, bExponent) = b.scientific
        let exponent = aExponent - bExponent
        guard abs(exponent) < 600 else { return nil }
        let quotient = aMantissa / bMantissa * pow10(exponent)
        return quotient.isFinite ? quotient : nil
    }

    /// `m × 10^e` with 1 ≤ |m| < 10, from the leading 17 significant digits.
    private var scientific: (mantissa: Double, exponent: Int) {
        guard let literal = DecimalLiteral(description), !literal.isZero else { return (0, 0) }
        let leading = literal.digits.prefix(17)
        var mantissa = 0.0
        for digit in leading { mantissa = mantissa * 10 + Double(digit) }
        mantissa /= Self.pow10(leading.count - 1)
        return (literal.isNegative ? -mantissa : mantissa, literal.digits.count - 1 + literal.exponent)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        var remaining = abs(exponent)
        var base = 10.0
        while remaining > 0 {
            if remaining & 1 == 1 { result *= base }
            base *= base
            remaining >>= 1
        }
        return exponent < 0 ? 1 / result : result
    }

    public static func + (a: Amount, b: Amount) -> Amount {
        switch (a.storage, b.storage) {
        case (.scaled(let x), .scaled(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? Amount(WideDecimal(units: x, scale: scale).adding(WideDecimal(units: y, scale: scale))) : Amount(units: sum)
        case (.notANumber, _), (_, .notANumber): return Amount(storage: .notANumber)
        case (.infinity(let x), .infinity(let y)): return Amount(storage: x == y ? .infinity(isNegative: x) : .notANumber)
        case (.infinity, _): return a
        case (_, .infinity): return b
        default: return Amount(a.wide.adding(b.wide))
        }
    }

    public static func += (a: inout Amount, b: Amount) { a = a + b }

    public static prefix func - (a: Amount) -> Amount {
        switch a.storage {
        case .scaled(let units) where units != .min: Amount(units: -units)
        case .notANumber: a
        case .infinity(let isNegative): Amount(storage: .infinity(isNegative: !isNegative))
        default: Amount(a.wide.negated())
        }
    }

    public static func - (a: Amount, b: Amount) -> Amount { a + (-b) }

    /// Equal values are equal whatever their representation (`Amount("1e400")` and a sum reaching it).
    public static func == (a: Amount, b: Amount) -> Bool { a.description == b.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// The finite value as a wide decimal (callers check `isFinite` first; non-finite gives zero).
    private var wide: WideDecimal {
        switch storage {
        case .scaled(let units): WideDecimal(units: units, scale: Self.scale)
        case .wide(let wide): wide
        case .notANumber, .infinity: WideDecimal(units: 0, scale: 0)
        }
    }
}
