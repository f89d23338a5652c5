/// One column of a flat Parquet schema: its name, what it holds and whether it may be null.
public struct ParquetColumn: Sendable, Equatable {
    /// What a column holds, as Parquet's physical type plus its logical annotation.
    public enum Kind: Sendable, Equatable {
        case boolean
        /// INT32 without annotation.
        case int32
        /// INT64 without annotation.
        case int64
        /// INT64 microseconds since 1970-01-01 UTC: TIMESTAMP(isAdjustedToUTC = true, MICROS).
        case timestampMicros
        /// UTF-8 text: BYTE_ARRAY annotated STRING.
        case string
        /// UTF-8 JSON text: BYTE_ARRAY annotated JSON.
        case json
        /// DECIMAL(precision, scale) as a FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold `precision` digits
        /// (big-endian two's complement of the unscaled value). Precision 1...38.
        case decimal(precision: Int, scale: Int)
    }

    public let name: String
    public let kind: Kind
    public let isOptional: Bool

    public init(_ name: String, _ kind: Kind, isOptional: Bool = true) {
        self.name = name
        self.kind = kind
        self.isOptional = isOptional
    }

    /// Parquet's physical type ids (parquet.thrift `Type`).
    enum PhysicalType: Int32 {
        case boolean = 0, int32 = 1, int64 = 2, byteArray = 6, fixedLenByteArray = 7
    }

    var physicalType: PhysicalType {
        switch kind {
        case .boolean: .boolean
        case .int32: .int32
        case .int64, .timestampMicros: .int64
        case .string, .json: .byteArray
        case .decimal: .fixedLenByteArray
        }
    }

    /// Bytes of a FIXED_LEN_BYTE_ARRAY decimal: the fewest whose signed range holds 10^precision - 1.
    static func decimalByteWidth(precision: Int) -> Int {
        let magnitudeBits = Int128.bitWidth - (power10(precision) - 1).leadingZeroBitCount
        return (magnitudeBits + 1 + 7) / 8  // one more bit for the sign
    }

    static func power10(_ exponent: Int) -> Int128 {
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// This column's SchemaElement: physical type, repetition, name, and both the logical type and the
    /// converted type that parquet.thrift asks writers to set beside it for older readers.
    func encodeSchemaElement(into writer: inout ThriftCompactWriter) {
        writer.structure { element in
            element.field(1, i32: physicalType.rawValue)
            if case .decimal(let precision, _) = kind {
                element.field(2, i32: Int32(Self.decimalByteWidth(precision: precision)))
            }
            element.field(3, i32: isOptional ? 1 : 0)  // OPTIONAL : REQUIRED
            element.field(4, string: name)
            switch kind {
            case .boolean, .int32, .int64:
                break
            case .timestampMicros:
                element.field(6, i32: 10)  // TIMESTAMP_MICROS
                element.field(10) { logical in
                    logical.field(8) { timestamp in  // TIMESTAMP
                        timestamp.field(1, bool: true)  // isAdjustedToUTC
                        timestamp.field(2) { unit in unit.field(2) { _ in } }  // MICROS
                    }
                }
            case .string:
                element.field(6, i32: 0)  // UTF8
                element.field(10) { logical in logical.field(1) { _ in } }  // STRING
            case .json:
                element.field(6, i32: 19)  // JSON
                element.field(10) { logical in logical.field(12) { _ in } }  // JSON
            case .decimal(let precision, let scale):
                element.field(6, i32: 5)  // DECIMAL
                element.field(7, i32: Int32(scale))
                element.field(8, i32: Int32(precision))
                element.field(10) { logical in
                    logical.field(5) { decimal in  // DECIMAL
                        decimal.field(1, i32: Int32(scale))
                        decimal.field(2, i32: Int32(precision))
                    }
                }
            }
        }
    }
}
