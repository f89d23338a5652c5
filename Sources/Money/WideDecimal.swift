/// An exact decimal of any size, for the amounts `Amount`'s scaled `Int128` cannot hold: a sign, a
/// magnitude in base-10^9 limbs (least significant first, no zero limb on top) and a scale (value =
/// magnitude × 10^-scale). Only what sums need: build, add, negate, print.
struct WideDecimal: Sendable, Hashable, CustomStringConvertible {
    static let limbBase: UInt64 = 1_000_000_000
    /// numeric's own limits are 131,072 digits before the point and 16,383 after; past these bounds a
    /// literal is nothing PostgreSQL could have printed, and is refused rather than allocated.
    static let maxExponent = 140_000
    static let maxScale = 20_000

    private(set) var isNegative: Bool
    private(set) var limbs: [UInt32]
    private(set) var scale: Int

    var isZero: Bool { limbs.isEmpty }

    init?(_ literal: DecimalLiteral) {
        guard literal.exponent <= Self.maxExponent, -literal.exponent <= Self.maxScale else { return nil }
        var digits = literal.digits
        if literal.exponent > 0 { digits += repeatElement(0, count: literal.exponent) }
        self.init(isNegative: literal.isNegative, digits: digits, scale: max(0, -literal.exponent))
    }

    init(units: Int128, scale: Int) {
        self.init(isNegative: units < 0, digits: String(units.magnitude).utf8.map { $0 - 0x30 }, scale: scale)
    }

    /// From decimal digits (most significant first).
    private init(isNegative: Bool, digits: [UInt8], scale: Int) {
        var limbs: [UInt32] = []
        limbs.reserveCapacity(digits.count / 9 + 1)
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 9)
            var limb: UInt32 = 0
            for digit in digits[start..<end] { limb = limb * 10 + UInt32(digit) }
            limbs.append(limb)
            end = start
        }
        self.init(isNegative: isNegative, limbs: limbs, scale: scale)
    }

    private init(isNegative: Bool, limbs: [UInt32], scale: Int) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.isNegative = isNegative && !limbs.isEmpty
        self.limbs = limbs
        self.scale = scale
    }

    /// The value in units of 10^-`scale` when it is a whole number of them and fits an `Int128`.
    func scaledUnits(_ target: Int) -> Int128? {
        guard limbs.count <= 5 else { return nil }
        var value: Int128 = 0
        for limb in limbs.reversed() {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: Int128(Self.limbBase))
            guard !overflow else { return nil }
            value = shifted + Int128(limb)
        }
        var exponent = target - scale
        while exponent < 0 {
            guard value % 10 == 0 else { return nil }
            value /= 10
            exponent += 1
        }
        for _ in 0..<exponent {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted
        }
        return isNegative ? -value : value
    }

    func negated() -> WideDecimal {
        WideDecimal(isNegative: !isNegative, limbs: limbs, scale: scale)
    }

    func adding(_ other: WideDecimal) -> WideDecimal {
        let scale = max(self.scale, other.scale)
        let a = rescaled(to: scale).limbs, b = other.rescaled(to: scale).limbs
        if isNegative == other.isNegative {
            return WideDecimal(isNegative: isNegative, limbs: Self.add(a, b), scale: scale)
        }
        return Self.compare(a, b) >= 0
            ? WideDecimal(isNegative: isNegative, limbs: Self.subtract(a, b), scale: scale)
            : WideDecimal(isNegative: other.isNegative, limbs: Self.subtract(b, a), scale: scale)
    }

    /// The same value with `scale` decimal places (at least the current ones).
    private func rescaled(to scale: Int) -> WideDecimal {
        var shift = scale - self.scale
        guard shift > 0, !isZero else { return WideDecimal(isNegative: isNegative, limbs: limbs, scale: scale) }
        var limbs = [UInt32](repeating: 0, count: shift / 9) + self.limbs
        shift %= 9
        if shift > 0 {
            var factor: UInt64 = 1
            for _ in 0..<shift { factor *= 10 }
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = UInt64(limbs[index]) * factor + carry
                limbs[index] = UInt32(product % Self.limbBase)
                carry = product / Self.limbBase
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        return WideDecimal(isNegative: isNegative, limbs: limbs, scale: scale)
    }

    private static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var sum: [UInt32] = []
        sum.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let total = UInt64(index < a.count ? a[index] : 0) + UInt64(index < b.count ? b[index] : 0) + carry
            sum.append(UInt32(total % limbBase))
            carry = total / limbBase
        }
        if carry > 0 { sum.append(UInt32(carry)) }
        return sum
    }

    /// `a - b` for `a ≥ b`.
    private static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var difference: [UInt32] = []
        difference.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for index in a.indices {
            var value = Int64(a[index]) - Int64(index < b.count ? b[index] : 0) - borrow
            borrow = value < 0 ? 1 : 0
            if value < 0 { value += Int64(limbBase) }
            difference.append(UInt32(value))
        }
        return difference
    }

    private static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    /// Plain notation without trailing zeros: `-0.5`, `1990000`, `0.000…01`.
    var description: String {
        guard let top = limbs.last else { return "0" }
        var digits = String(top)
        for limb in limbs.dropLast().reversed() {
            let text = String(limb)
            digits += String(repeating: "0", count: 9 - text.count) + text
        }
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            var fraction = digits.suffix(scale)
            while fraction.last == "0" { fraction.removeLast() }
            digits = String(digits.dropLast(scale)) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return (isNegative ? "-" : "") + digits
    }
}
