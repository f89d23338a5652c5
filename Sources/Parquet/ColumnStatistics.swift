/// A column chunk's statistics as parquet.thrift's `Statistics` carries them: the null count and the
/// smallest and largest value in the column's own order (signed for integers and decimals, unsigned bytewise
/// for text), written as `min_value` / `max_value` with a type-defined column order in the footer.
struct ColumnStatistics {
    /// Bounds longer than this together are left out, as parquet-mr does: a footer is read whole by every
    /// query, and a prefix of a long JSON document prunes nothing.
    static let maxBoundBytes = 4096

    private(set) var nullCount: Int64 = 0
    private var integerBounds: (min: Int64, max: Int64)?
    private var decimalBounds: (min: Int128, max: Int128)?
    private var byteBounds: (min: [UInt8], max: [UInt8])?

    mutating func addNull() {
        nullCount += 1
    }

    mutating func add(_ value: Int64) {
        if let bounds = integerBounds {
            if value < bounds.min { integerBounds = (value, bounds.max) } else if value > bounds.max { integerBounds = (bounds.min, value) }
        } else {
            integerBounds = (value, value)
        }
    }

    mutating func add(_ value: Int128) {
        if let bounds = decimalBounds {
            if value < bounds.min { decimalBounds = (value, bounds.max) } else if value > bounds.max { decimalBounds = (bounds.min, value) }
        } else {
            decimalBounds = (value, value)
        }
    }

    mutating func add(_ value: UnsafeRawBufferPointer) {
        guard let bounds = byteBounds else {
            byteBounds = (Array(value), Array(value))
            return
        }
        if value.lexicographicallyPrecedes(bounds.min) {
            byteBounds = (Array(value), bounds.max)
        } else if bounds.max.lexicographicallyPrecedes(value) {
            byteBounds = (bounds.min, Array(value))
        }
    }

    /// The bounds as `min_value` / `max_value` bytes: PLAIN little-endian for BOOLEAN, INT32 and INT64,
    /// big-endian two's complement of `width` bytes for decimals, the bytes themselves for BYTE_ARRAY.
    func encodedBounds(for column: ParquetColumn) -> (min: [UInt8], max: [UInt8])? {
        switch column.kind {
        case .boolean:
            return integerBounds.map { ([UInt8($0.min)], [UInt8($0.max)]) }
        case .int32:
            return integerBounds.map { (Self.littleEndian($0.min, bytes: 4), Self.littleEndian($0.max, bytes: 4)) }
        case .int64, .timestampMicros:
            return integerBounds.map { (Self.littleEndian($0.min, bytes: 8), Self.littleEndian($0.max, bytes: 8)) }
        case .decimal(let precision, _):
            let width = ParquetColumn.decimalByteWidth(precision: precision)
            return decimalBounds.map { (Self.bigEndian($0.min, bytes: width), Self.bigEndian($0.max, bytes: width)) }
        case .string, .json:
            guard let bounds = byteBounds, bounds.min.count + bounds.max.count <= Self.maxBoundBytes else { return nil }
            return bounds
        }
    }

    /// Writes the `Statistics` struct as a field of ColumnMetaData.
    func encode(for column: ParquetColumn, field: Int16, into writer: inout ThriftCompactWriter) {
        writer.field(field) { statistics in
            statistics.field(3, i64: nullCount)
            if let bounds = encodedBounds(for: column) {
                statistics.field(5, binary: bounds.max)
                statistics.field(6, binary: bounds.min)
            }
        }
    }

    static func littleEndian(_ value: Int64, bytes count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * Int64($0))) }
    }

    static func bigEndian(_ value: Int128, bytes count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * Int128($0))) }
    }
}
