extension EventTimestamp {
    /// Years outside this range are refused as `bad_timestamp` (no clickstream predates 1990; PostgreSQL stops at 294276).
    static let acceptedYears: ClosedRange<Int64> = 1990...9999

    /// Parses ISO 8601 / RFC 3339 and the Kinesis form: `2025-12-06T05:14:09.512Z`, `2025-12-06T05:20:00+07:00`,
    /// `2021-07-12 12:01:58.732726` (no offset means UTC), `+0700`, `+07`, or a bare date (midnight UTC).
    /// Digits past microseconds are truncated.
    public init?(parsing text: String) {
        self.init(parsing: Array(text.utf8)[...])
    }

    /// Parses the same forms from UTF-8 bytes, in place.
    public init?(parsing utf8: ArraySlice<UInt8>) {
        var scanner = TimestampScanner(utf8)
        scanner.skipSpaces()
        guard let year = scanner.digits(exactly: 4), scanner.take("-"),
              let month = scanner.digits(exactly: 2), scanner.take("-"),
              let day = scanner.digits(exactly: 2),
              Self.acceptedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, micros: Int64 = 0, offsetSeconds: Int64 = 0
        if scanner.take("T") || scanner.take("t") || scanner.take(" ") {
            guard let parsedHour = scanner.digits(exactly: 2), scanner.take(":"),
                  let parsedMinute = scanner.digits(exactly: 2),
                  parsedHour <= 23, parsedMinute <= 59
            else { return nil }
            hour = parsedHour
            minute = parsedMinute
            if scanner.take(":") {
                guard let parsedSecond = scanner.digits(exactly: 2), parsedSecond <= 60 else { return nil }
                second = parsedSecond  // 60 (a leap second) rolls into the next minute, as PostgreSQL does
                if scanner.take(".") || scanner.take(",") {
                    guard let fraction = scanner.fractionMicroseconds() else { return nil }
                    micros = fraction
                }
            }
            if scanner.take("Z") || scanner.take("z") {
                offsetSeconds = 0
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.digits(exactly: 2), offsetHours <= 23 else { return nil }
                var offsetMinutes: Int64 = 0
                let hasColon = scanner.take(":")
                if let parsedMinutes = scanner.digits(exactly: 2) {
                    guard parsedMinutes <= 59 else { return nil }
                    offsetMinutes = parsedMinutes
                } else if hasColon {
                    return nil
                }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        scanner.skipSpaces()
        guard scanner.isAtEnd else { return nil }
        let days = Self.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        self.init(microseconds: seconds * 1_000_000 + micros)
    }

    /// A JSON number as Unix time: seconds, or milliseconds when it is too large to be seconds.
    public init?(epochNumber text: String) {
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        let seconds = value >= 100_000_000_000 ? value / 1000 : value
        let micros = (seconds * 1_000_000).rounded()
        guard micros < 253_402_300_800_000_000 else { return nil }  // year 10000
        self.init(microseconds: Int64(micros))
        let year = Self.civil(fromDays: microseconds.floorDiv(86_400_000_000)).year
        guard Self.acceptedYears.contains(year) else { return nil }
    }
}

/// A tiny forward-only reader over ASCII bytes for the timestamp grammar.
private struct TimestampScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index == bytes.endIndex }

    mutating func skipSpaces() {
        while index < bytes.endIndex, bytes[index] == 0x20 { index += 1 }
    }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int64? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func digits(exactly count: Int) -> Int64? {
        guard bytes.endIndex - index >= count else { return nil }
        var value: Int64 = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        index += count
        return value
    }

    /// 1-9 fraction digits as microseconds (extra digits truncated).
    mutating func fractionMicroseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            if count < 6 { value = value * 10 + Int64(bytes[index] - 0x30) }
            count += 1
            index += 1
        }
        guard (1...9).contains(count) else { return nil }
        for _ in min(count, 6)..<6 { value *= 10 }
        return value
    }
}
