/// One column's part of the row group being written: it gathers values into pages (dictionary-encoded while
/// the dictionary stays small, PLAIN after it outgrows its limit), compresses each page as it fills, and hands
/// out the finished chunk (dictionary page first) with what its ColumnMetaData needs.
///
/// Only the current page's values are held uncompressed; finished pages are kept compressed until the row
/// group is written, so a row group of ~128 MB of values costs about its compressed size in memory.
final class ColumnChunkWriter {
    /// A finished column chunk.
    struct Chunk {
        var bytes: [UInt8]
        /// Length of the dictionary page (header included) at the start of `bytes`; 0 without one.
        var dictionaryPageLength: Int
        var values: Int64
        var uncompressedSize: Int64
        var encodings: [Int32]
        var statistics: ColumnStatistics
    }

    let column: ParquetColumn
    private let options: ParquetWriter.Options
    private let lengthPrefixed: Bool

    // The page being filled.
    private var levels: [UInt32] = []
    private var plainValues: [UInt8] = []
    private var indices: [UInt32] = []
    private var booleans: [Bool] = []
    private(set) var pageRows = 0

    // The dictionary of this chunk; `isDictionaryEncoding` turns false for good once it outgrows its limit.
    private var dictionary: [[UInt8]: UInt32] = [:]
    private var dictionaryPlain: [UInt8] = []
    private var isDictionaryEncoding: Bool

    // The chunk so far.
    private var pages: [UInt8] = []
    private var encodings: Set<Int32> = [3]  // RLE, for levels
    private var uncompressedSize: Int64 = 0
    private var values: Int64 = 0
    private var statistics = ColumnStatistics()
    /// Rows of this row group given to this column, checked against the writer's count.
    private(set) var rows = 0

    init(column: ParquetColumn, options: ParquetWriter.Options) {
        self.column = column
        self.options = options
        lengthPrefixed = column.physicalType == .byteArray
        isDictionaryEncoding = options.usesDictionary && column.kind != .boolean
    }

    /// What this chunk would take uncompressed if the row group ended now (for row group sizing).
    var bufferedSize: Int {
        Int(uncompressedSize) + plainValues.count + indices.count * 4 + booleans.count / 8 + dictionaryPlain.count
    }

    func appendNull() throws(ParquetError) {
        guard column.isOptional else { throw .typeMismatch(column: column.name, expected: "a value (it is required)") }
        levels.append(0)
        statistics.addNull()
        try endValue()
    }

    func append(_ value: Bool) throws(ParquetError) {
        guard column.kind == .boolean else { throw mismatch }
        booleans.append(value)
        statistics.add(value ? Int64(1) : 0)
        try present()
    }

    func append(_ value: Int32) throws(ParquetError) {
        guard column.kind == .int32 else { throw mismatch }
        statistics.add(Int64(value))
        try withUnsafeBytes(of: value.littleEndian) { bytes throws(ParquetError) in try add(bytes) }
    }

    func append(_ value: Int64) throws(ParquetError) {
        guard column.physicalType == .int64 else { throw mismatch }
        statistics.add(value)
        try withUnsafeBytes(of: value.littleEndian) { bytes throws(ParquetError) in try add(bytes) }
    }

    func append(bytes value: UnsafeRawBufferPointer) throws(ParquetError) {
        guard column.physicalType == .byteArray else { throw mismatch }
        statistics.add(value)
        try add(value)
    }

    func append(unscaled value: Int128) throws(ParquetError) {
        guard case .decimal(let precision, _) = column.kind else { throw mismatch }
        let limit = ParquetColumn.power10(precision)
        guard value < limit, value > -limit else { throw .decimalOutOfRange(column: column.name) }
        statistics.add(value)
        let width = ParquetColumn.decimalByteWidth(precision: precision)
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { buffer throws(ParquetError) in
            for index in 0..<width { buffer[index] = UInt8(truncatingIfNeeded: value >> (8 * Int128(width - 1 - index))) }
            try add(UnsafeRawBufferPointer(buffer))
        }
    }

    private var mismatch: ParquetError {
        .typeMismatch(column: column.name, expected: "\(column.kind)")
    }

    /// A non-null value's bytes (without a length prefix): into the dictionary while it is small, else PLAIN.
    private func add(_ value: UnsafeRawBufferPointer) throws(ParquetError) {
        if isDictionaryEncoding {
            let key = Array(value)
            if let index = dictionary[key] {
                indices.append(index)
            } else {
                let index = UInt32(dictionary.count)
                dictionary[key] = index
                appendPlain(value, to: &dictionaryPlain)
                indices.append(index)
                if dictionaryPlain.count > options.dictionaryPageLimit {
                    // Pages so far keep using the dictionary; later ones are PLAIN (a reader handles a mix).
                    try present()
                    try flushPage()
                    isDictionaryEncoding = false
                    return
                }
            }
        } else {
            appendPlain(value, to: &plainValues)
        }
        try present()
    }

    private func appendPlain(_ value: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        if lengthPrefixed {
            let length = UInt32(value.count).littleEndian
            withUnsafeBytes(of: length) { buffer.append(contentsOf: $0) }
        }
        buffer.append(contentsOf: value)
    }

    private func present() throws(ParquetError) {
        levels.append(1)
        try endValue()
    }

    private func endValue() throws(ParquetError) {
        pageRows += 1
        rows += 1
        let size = plainValues.count + indices.count * 4 + booleans.count / 8
        if size >= options.pageSize || pageRows >= options.pageRowLimit { try flushPage() }
    }

    /// Compresses the page being filled and appends it (header first) to the chunk.
    private func flushPage() throws(ParquetError) {
        guard pageRows > 0 else { return }
        var body: [UInt8] = []
        if column.isOptional {
            var encoder = RLEHybridEncoder(bitWidth: 1)
            for level in levels { encoder.append(level) }
            let encoded = encoder.finish()
            withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { body.append(contentsOf: $0) }
            body.append(contentsOf: encoded)
        }
        let encoding: Int32
        if !indices.isEmpty {  // a page of nulls only is PLAIN: a chunk of them has no dictionary page
            encoding = 8  // RLE_DICTIONARY
            let width = max(1, RLEHybridEncoder.bitWidth(forMaximum: UInt32(max(dictionary.count - 1, 0))))
            body.append(UInt8(width))
            var encoder = RLEHybridEncoder(bitWidth: width)
            for index in indices { encoder.append(index) }
            body.append(contentsOf: encoder.finish())
        } else {
            encoding = 0  // PLAIN
            if column.kind == .boolean {
                body.append(contentsOf: Self.bitPacked(booleans))
            } else {
                body.append(contentsOf: plainValues)
            }
        }
        let compressed = try options.compression.compress(body)
        guard body.count <= Int32.max, compressed.count <= Int32.max else { throw .pageTooLarge(column: column.name) }
        let header = PageHeader(kind: .data(values: Int32(pageRows), encoding: encoding),
                                uncompressedSize: Int32(body.count), compressedSize: Int32(compressed.count)).bytes
        pages.append(contentsOf: header)
        pages.append(contentsOf: compressed)
        uncompressedSize += Int64(header.count + body.count)
        values += Int64(pageRows)
        encodings.insert(encoding)
        levels.removeAll(keepingCapacity: true)
        plainValues.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        booleans.removeAll(keepingCapacity: true)
        pageRows = 0
    }

    /// PLAIN booleans: one bit each, least significant bit first.
    static func bitPacked(_ values: [Bool]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (values.count + 7) / 8)
        for (index, value) in values.enumerated() where value { bytes[index / 8] |= 1 << UInt8(index % 8) }
        return bytes
    }

    /// The finished chunk (its dictionary page first), and a fresh start for the next row group.
    func finish() throws(ParquetError) -> Chunk {
        try flushPage()
        var bytes: [UInt8] = []
        var dictionaryLength = 0
        var uncompressed = uncompressedSize
        if !dictionary.isEmpty {
            let compressed = try options.compression.compress(dictionaryPlain)
            guard dictionaryPlain.count <= Int32.max, compressed.count <= Int32.max else { throw .pageTooLarge(column: column.name) }
            let header = PageHeader(kind: .dictionary(values: Int32(dictionary.count)),
                                    uncompressedSize: Int32(dictionaryPlain.count), compressedSize: Int32(compressed.count)).bytes
            bytes = header + compressed
            dictionaryLength = bytes.count
            uncompressed += Int64(header.count + dictionaryPlain.count)
            encodings.insert(0)  // the dictionary page is PLAIN
        }
        bytes.append(contentsOf: pages)
        let chunk = Chunk(bytes: bytes, dictionaryPageLength: dictionaryLength, values: values,
                          uncompressedSize: uncompressed, encodings: encodings.sorted(), statistics: statistics)
        pages = []
        dictionary = [:]
        dictionaryPlain = []
        isDictionaryEncoding = options.usesDictionary && column.kind != .boolean
        encodings = [3]
        uncompressedSize = 0
        values = 0
        statistics = ColumnStatistics()
        rows = 0
        return chunk
    }
}
