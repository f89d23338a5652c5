/// Why a Parquet file could not be written.
public enum ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema is unusable (no columns, a duplicate name, a decimal precision outside 1...38).
    case invalidSchema(String)
    /// A value of the wrong kind for its column, or a null for a required one: a bug in the caller.
    case typeMismatch(column: String, expected: String)
    /// A decimal whose unscaled value has more digits than the column's precision.
    case decimalOutOfRange(column: String)
    /// A row was ended before every column got a value, or a column got two.
    case incompleteRow(column: String)
    /// A page or dictionary passed what one page header can describe (2 GiB).
    case pageTooLarge(column: String)
    /// The compression codec failed.
    case compression(String)
    /// Rows were added after `finish()`.
    case finished

    public var description: String {
        switch self {
        case let .invalidSchema(reason): "invalid Parquet schema: \(reason)"
        case let .typeMismatch(column, expected): "column \(column) takes \(expected)"
        case let .decimalOutOfRange(column): "a value of column \(column) has more digits than its decimal precision"
        case let .incompleteRow(column): "row ended with column \(column) given no value or two"
        case let .pageTooLarge(column): "a page of column \(column) is larger than 2 GiB"
        case let .compression(message): "page compression failed: \(message)"
        case .finished: "the Parquet file is already finished"
        }
    }
}
