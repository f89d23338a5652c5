/// PostgreSQL's binary `numeric` (as binary COPY sends it) read as a fixed-point value: the unscaled integer
/// at a given scale (123.45 at scale 4 is 1234500), or why it has none.
///
/// The wire form is int16 ndigits, int16 weight, uint16 sign, int16 dscale, then ndigits base-10000 digits,
/// most significant first; digit i is worth 10000^(weight - i).
public enum PostgresNumeric: Sendable, Equatable {
    case unscaled(Int128)
    /// More fractional digits than the scale holds (not rounded: the caller decides what to do).
    case tooPrecise
    /// Larger than 128 bits at that scale.
    case tooLarge
    /// NaN or ±Infinity.
    case notFinite

    /// Decodes the binary form at `scale` decimal places (0...38).
    public static func decode(_ bytes: UnsafeRawBufferPointer, scale: Int) throws(PostgresError) -> PostgresNumeric {
        func int16(_ offset: Int) -> Int { Int(Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]))) }
        guard bytes.count >= 8 else { throw PostgresError(kind: .decoding, message: "numeric field of \(bytes.count) bytes") }
        let digits = int16(0), weight = int16(2), sign = UInt16(bitPattern: Int16(int16(4)))
        guard digits >= 0, bytes.count == 8 + 2 * digits else {
            throw PostgresError(kind: .decoding, message: "numeric field of \(bytes.count) bytes for \(digits) digits")
        }
        guard sign == 0x0000 || sign == 0x4000 else { return .notFinite }
        var value: Int128 = 0
        for index in 0..<digits {
            let digit = Int128(int16(8 + 2 * index))
            // The digit's power of ten at the target scale: 4·(weight − index) + scale.
            let exponent = 4 * (weight - index) + scale
            if exponent < 0 {
                // Below the scale: it must be zero in every place that falls off.
                var divisor: Int128 = 1
                for _ in 0..<min(-exponent, 4) { divisor *= 10 }
                guard digit % divisor == 0 else { return .tooPrecise }
                let (shifted, overflow) = value.addingReportingOverflow(digit / divisor)
                guard !overflow else { return .tooLarge }
                value = shifted
                continue
            }
            var term = digit
            for _ in 0..<exponent {
                let (next, overflow) = term.multipliedReportingOverflow(by: 10)
                guard !overflow else { return .tooLarge }
                term = next
            }
            let (sum, overflow) = value.addingReportingOverflow(term)
            guard !overflow else { return .tooLarge }
            value = sum
        }
        return .unscaled(sign == 0x4000 ? -value : value)
    }
}
