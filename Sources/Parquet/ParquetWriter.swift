/// Writes one Parquet file with a flat schema, front to back: the magic, row groups of about
/// `Options.rowGroupSize` uncompressed bytes each, then the footer (Thrift compact `FileMetaData`). Bytes go
/// to `output` as each row group completes, so memory holds one row group's compressed pages at most.
///
/// Rows are given column by column: one `append…`/`appendNull` per column, in any order, then `endRow()`.
/// Not thread-safe: one owner writes a file.
public final class ParquetWriter {
    public struct Options: Sendable {
        public var compression: ParquetCompression = .snappy
        /// Uncompressed bytes of values after which a page is closed. Default 1 MiB.
        public var pageSize = 1 << 20
        /// Rows after which a page is closed, whatever its size (finer pruning for page-index readers). Default 20,000.
        public var pageRowLimit = 20_000
        /// Uncompressed bytes after which a row group is closed. Default 128 MiB.
        public var rowGroupSize = 128 << 20
        /// Dictionary size (PLAIN bytes) past which a column chunk's later pages fall back to PLAIN. Default 1 MiB.
        public var dictionaryPageLimit = 1 << 20
        /// Dictionary-encode every column but booleans while the dictionary stays under its limit. Default true.
        public var usesDictionary = true
        /// The footer's `created_by`, in the format parquet.thrift asks for.
        public var createdBy = "clickstream version 1.0.0"

        public init() {}
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var rows: Int64
        public var rowGroups: Int
        public var bytes: Int64
    }

    public let columns: [ParquetColumn]
    public let options: Options
    private let output: ([UInt8]) throws -> Void
    private let chunks: [ColumnChunkWriter]
    private var offset: Int64 = 0
    private var rowsInGroup = 0
    private var totalRows: Int64 = 0
    private var rowGroups: [[UInt8]] = []  // each RowGroup struct, encoded as it closes
    private var isFinished = false

    public init(columns: [ParquetColumn], options: Options = Options(),
                output: @escaping ([UInt8]) throws -> Void) throws {
        guard !columns.isEmpty else { throw ParquetError.invalidSchema("no columns") }
        guard Set(columns.map(\.name)).count == columns.count else { throw ParquetError.invalidSchema("duplicate column names") }
        for column in columns {
            if case .decimal(let precision, let scale) = column.kind, !(1...38).contains(precision) || !(0...precision).contains(scale) {
                throw ParquetError.invalidSchema("column \(column.name): decimal(\(precision), \(scale)) needs precision 1...38 and scale 0...precision")
            }
        }
        self.columns = columns
        self.options = options
        self.output = output
        chunks = columns.map { ColumnChunkWriter(column: $0, options: options) }
        try emit(Self.magic)
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    public func appendNull(_ column: Int) throws {
        try chunk(column).appendNull()
    }

    public func append(_ column: Int, _ value: Bool) throws {
        try chunk(column).append(value)
    }

    public func append(_ column: Int, _ value: Int32) throws {
        try chunk(column).append(value)
    }

    /// An INT64 or TIMESTAMP (microseconds since 1970 UTC) value.
    public func append(_ column: Int, _ value: Int64) throws {
        try chunk(column).append(value)
    }

    /// A STRING or JSON value's UTF-8 bytes.
    public func append(_ column: Int, bytes: UnsafeRawBufferPointer) throws {
        try chunk(column).append(bytes: bytes)
    }

    public func append(_ column: Int, _ value: String) throws {
        var text = value
        try text.withUTF8 { try chunk(column).append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A DECIMAL value as its unscaled integer (123.4500 in DECIMAL(19, 4) is 1234500).
    public func append(_ column: Int, unscaled: Int128) throws {
        try chunk(column).append(unscaled: unscaled)
    }

    /// The column that takes the next value; refuses a second value for it in the same row.
    private func chunk(_ column: Int) throws -> ColumnChunkWriter {
        guard !isFinished else { throw ParquetError.finished }
        guard chunks.indices.contains(column) else { throw ParquetError.invalidSchema("no column \(column)") }
        let chunk = chunks[column]
        guard chunk.rows == rowsInGroup else { throw ParquetError.incompleteRow(column: chunk.column.name) }
        return chunk
    }

    /// Ends a row in which every column got exactly one value; closes the row group once it is large enough.
    public func endRow() throws {
        for chunk in chunks where chunk.rows != rowsInGroup + 1 {
            throw ParquetError.incompleteRow(column: chunk.column.name)
        }
        rowsInGroup += 1
        totalRows += 1
        if rowsInGroup % 256 == 0, chunks.reduce(0, { $0 + $1.bufferedSize }) >= options.rowGroupSize {
            try writeRowGroup()
        }
    }

    /// Writes the last row group and the footer. The file is complete once this returns.
    @discardableResult
    public func finish() throws -> Summary {
        guard !isFinished else { throw ParquetError.finished }
        if rowsInGroup > 0 { try writeRowGroup() }
        isFinished = true
        let footer = FileFooter(columns: columns, rows: totalRows, rowGroups: rowGroups, createdBy: options.createdBy).bytes
        try emit(footer)
        try emit(withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + Self.magic)
        return Summary(rows: totalRows, rowGroups: rowGroups.count, bytes: offset)
    }

    private func writeRowGroup() throws {
        let start = offset
        var uncompressed: Int64 = 0
        var columnChunks: [(ColumnChunkWriter.Chunk, Int64)] = []
        for chunk in chunks {
            let finished = try chunk.finish()
            columnChunks.append((finished, offset))
            uncompressed += finished.uncompressedSize
            try emit(finished.bytes)
        }
        var group = ThriftCompactWriter()
        group.structure { rowGroup in
            rowGroup.field(1, listOf: .structure, count: columnChunks.count) { list in
                for (index, (chunk, chunkOffset)) in columnChunks.enumerated() {
                    FileFooter.encodeColumnChunk(chunk, column: columns[index], at: chunkOffset, codec: options.compression, into: &list)
                }
            }
            rowGroup.field(2, i64: uncompressed)
            rowGroup.field(3, i64: Int64(rowsInGroup))
            rowGroup.field(5, i64: start)
            rowGroup.field(6, i64: offset - start)
        }
        rowGroups.append(group.bytes)
        rowsInGroup = 0
    }

    private func emit(_ bytes: [UInt8]) throws {
        try output(bytes)
        offset += Int64(bytes.count)
    }
}
