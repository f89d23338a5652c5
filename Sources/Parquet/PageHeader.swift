/// parquet.thrift's `PageHeader` for the two page kinds we write: a data page (v1: definition levels and
/// values compressed together) and a dictionary page (the dictionary's values, PLAIN).
struct PageHeader {
    enum Kind {
        /// `encoding` of the values: PLAIN (0) or RLE_DICTIONARY (8); levels are always RLE (3).
        case data(values: Int32, encoding: Int32)
        /// A dictionary of `values` entries, PLAIN.
        case dictionary(values: Int32)
    }

    let kind: Kind
    let uncompressedSize: Int32
    let compressedSize: Int32

    var bytes: [UInt8] {
        var writer = ThriftCompactWriter()
        writer.structure { header in
            switch kind {
            case .data:
                header.field(1, i32: 0)  // DATA_PAGE
            case .dictionary:
                header.field(1, i32: 2)  // DICTIONARY_PAGE
            }
            header.field(2, i32: uncompressedSize)
            header.field(3, i32: compressedSize)
            switch kind {
            case let .data(values, encoding):
                header.field(5) { page in
                    page.field(1, i32: values)
                    page.field(2, i32: encoding)
                    page.field(3, i32: 3)  // definition levels: RLE
                    page.field(4, i32: 3)  // repetition levels: RLE (none in a flat schema)
                }
            case let .dictionary(values):
                header.field(7) { page in
                    page.field(1, i32: values)
                    page.field(2, i32: 0)  // PLAIN
                }
            }
        }
        return writer.bytes
    }
}
