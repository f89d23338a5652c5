import Money

/// Buffers rows for `COPY … FROM STDIN` and hands full chunks to the connection.
///
/// Text format (`writeRow`) for small tables; binary format (`beginRow`, the typed `write…` calls, `endRow`)
/// for bulk loads: the server then skips parsing uuids, timestamps and numbers, and the client skips
/// escaping. Bytes go straight into one reused buffer; nothing is allocated per field.
public struct PostgresCopyWriter {
    /// The COPY format, fixed by the statement (`WITH (FORMAT binary)` or not).
    public enum Format: Sendable {
        case text, binary
    }

    static let chunkSize = 1 << 20
    /// Microseconds from the Unix epoch to PostgreSQL's (2000-01-01).
    static let postgresEpochOffset: Int64 = 946_684_800_000_000
    static let binarySignature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    let format: Format
    var buffer: [UInt8] = []
    let flush: ([UInt8]) throws(PostgresError) -> Void
    private(set) var rowCount = 0
    var pendingError: PostgresError?

    init(format: Format = .text, flush: @escaping ([UInt8]) throws(PostgresError) -> Void) {
        self.format = format
        self.flush = flush
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
        if format == .binary {
            buffer += Self.binarySignature
            appendInteger(Int32(0))  // flags: no OIDs
            appendInteger(Int32(0))  // header extension length
        }
    }

    // MARK: text format

    /// Appends one text-format row; `nil` fields are NULL. Backslash, tab, newline and carriage return are escaped.
    public mutating func writeRow(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard var field else {
                buffer.append(0x5C)
                buffer.append(0x4E)  // \N
                continue
            }
            field.withUTF8 { appendEscaped($0) }
        }
        buffer.append(0x0A)
        finishRow()
    }

    /// Copies runs of bytes that need no escape in one go; escapes are rare in real data.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<bytes.count {
            let escape: UInt8
            switch bytes[index] {
            case 0x5C: escape = 0x5C
            case 0x09: escape = 0x74
            case 0x0A: escape = 0x6E
            case 0x0D: escape = 0x72
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(0x5C)
            buffer.append(escape)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    // MARK: binary format

    /// Starts a binary row of `fieldCount` fields; write exactly that many, then call `endRow`.
    public mutating func beginRow(fieldCount: Int) {
        appendInteger(Int16(truncatingIfNeeded: fieldCount))
    }

    /// Ends a binary row (and sends a chunk when the buffer is full).
    public mutating func endRow() {
        finishRow()
    }

    /// NULL.
    public mutating func writeNull() {
        appendInteger(Int32(-1))
    }

    /// A `text` (or `varchar`) value; `nil` is NULL.
    public mutating func write(_ text: String?) {
        guard var text else { return writeNull() }
        text.withUTF8 { bytes in
            appendInteger(Int32(truncatingIfNeeded: bytes.count))
            buffer.append(contentsOf: bytes)
        }
    }

    /// A `jsonb` value from its JSON text (binary jsonb is a version byte, 1, then the text).
    public mutating func writeJSONB(_ json: String) {
        var json = json
        json.withUTF8 { bytes in
            appendInteger(Int32(truncatingIfNeeded: bytes.count + 1))
            buffer.append(1)
            buffer.append(contentsOf: bytes)
        }
    }

    /// A `uuid` from its 16 bytes.
    public mutating func writeUUID(_ bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                                             UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) {
        appendInteger(Int32(16))
        withUnsafeBytes(of: bytes) { buffer.append(contentsOf: $0) }
    }

    /// A `timestamptz` from microseconds since the Unix epoch.
    public mutating func writeTimestamp(microsecondsSince1970 value: Int64) {
        appendInteger(Int32(8))
        appendInteger(value - Self.postgresEpochOffset)
    }

    /// A `smallint`; `nil` is NULL.
    public mutating func writeInt16(_ value: Int16?) {
        guard let value else { return writeNull() }
        appendInteger(Int32(2))
        appendInteger(value)
    }

    /// An `integer`.
    public mutating func writeInt32(_ value: Int32) {
        appendInteger(Int32(4))
        appendInteger(value)
    }

    /// A `bigint`.
    public mutating func writeInt64(_ value: Int64) {
        appendInteger(Int32(8))
        appendInteger(value)
    }

    /// A `boolean`; `nil` is NULL.
    public mutating func writeBool(_ value: Bool?) {
        guard let value else { return writeNull() }
        appendInteger(Int32(1))
        buffer.append(value ? 1 : 0)
    }

    /// A `numeric` from decimal text (`-12.50`, `1e3`); `nil` is NULL. Text that is not a plain decimal
    /// number fails the whole COPY when it ends (callers validate first; this is the last line of defence).
    public mutating func writeNumeric(_ literal: String?) {
        guard let literal else { return writeNull() }
        guard let numeric = Numeric(literal) else {
            if pendingError == nil {
                pendingError = PostgresError(kind: .copy, message: "not a decimal number: \(literal.prefix(40))", operation: "copy")
            }
            return writeNull()
        }
        appendInteger(Int32(8 + 2 * numeric.digits.count))
        appendInteger(Int16(numeric.digits.count))
        appendInteger(numeric.weight)
        appendInteger(numeric.isNegative ? UInt16(0x4000) : UInt16(0))
        appendInteger(numeric.displayScale)
        for digit in numeric.digits { appendInteger(digit) }
    }

    // MARK: buffer

    private mutating func appendInteger<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func finishRow() {
        rowCount += 1
        if buffer.count >= Self.chunkSize { sendBuffer() }
    }

    /// Sends what is buffered, and for binary COPY the trailer first when `isLast`.
    mutating func sendBuffer(isLast: Bool = false) {
        if isLast, format == .binary { appendInteger(Int16(-1)) }
        guard !buffer.isEmpty, pendingError == nil else { return }
        do {
            try flush(buffer)
        } catch {
            pendingError = error  // reported when the COPY ends, so the write calls stay non-throwing
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension PostgresCopyWriter {
    /// A decimal literal in `numeric`'s binary form: base-10,000 digits, the weight of the first one,
    /// the sign and the display scale (digits after the point, as `numeric_in` would keep them).
    struct Numeric: Equatable {
        var digits: [Int16]
        var weight: Int16
        var isNegative: Bool
        var displayScale: UInt16

        /// Parses a decimal literal (`DecimalLiteral`'s grammar: `-12.50`, `1e3`); nil for anything else or
        /// exponents past numeric's range.
        init?(_ literal: String) {
            guard let parsed = DecimalLiteral(literal) else { return nil }
            let scale = parsed.writtenDecimals
            // Digits before the decimal point once the exponent is applied (may be negative or beyond the digits).
            var point = parsed.digits.count + parsed.exponent
            // Align to base-10,000 groups: pad zeros on the left so `point` is a multiple of 4, then on the right.
            let leftPad = ((4 - point % 4) % 4 + 4) % 4
            point += leftPad
            var padded = [UInt8](repeating: 0, count: leftPad) + parsed.digits
            padded += [UInt8](repeating: 0, count: (4 - padded.count % 4) % 4)
            var groups: [Int16] = []
            groups.reserveCapacity(padded.count / 4)
            for start in stride(from: 0, to: padded.count, by: 4) {
                groups.append(Int16(padded[start]) * 1000 + Int16(padded[start + 1]) * 100
                              + Int16(padded[start + 2]) * 10 + Int16(padded[start + 3]))
            }
            // Significant digits only: no zero group on either end.
            var weight = point / 4 - 1
            if groups.isEmpty { weight = 0 }
            guard let weight16 = Int16(exactly: weight), scale <= 0x3FFF else { return nil }
            self.digits = groups
            self.weight = weight16
            self.isNegative = parsed.isNegative && !groups.isEmpty
            self.displayScale = UInt16(scale)
        }
    }
}
