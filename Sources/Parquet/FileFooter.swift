/// The footer: parquet.thrift's `FileMetaData` (format version 2, the flat schema under a root, the row
/// groups with their `ColumnChunk`/`ColumnMetaData`, `created_by`, and a type-defined order for every
/// column, which tells readers how `min_value`/`max_value` compare).
struct FileFooter {
    let columns: [ParquetColumn]
    let rows: Int64
    /// Each `RowGroup` struct, already encoded.
    let rowGroups: [[UInt8]]
    let createdBy: String

    var bytes: [UInt8] {
        var writer = ThriftCompactWriter()
        writer.structure { file in
            file.field(1, i32: 2)
            file.field(2, listOf: .structure, count: columns.count + 1) { schema in
                schema.structure { root in
                    root.field(4, string: "schema")
                    root.field(5, i32: Int32(columns.count))
                }
                for column in columns { column.encodeSchemaElement(into: &schema) }
            }
            file.field(3, i64: rows)
            file.field(4, listOf: .structure, count: rowGroups.count) { list in
                for group in rowGroups { list.raw(group) }
            }
            file.field(6, string: createdBy)
            file.field(7, listOf: .structure, count: columns.count) { orders in
                for _ in columns {
                    orders.structure { order in order.field(1) { _ in } }  // TYPE_ORDER
                }
            }
        }
        return writer.bytes
    }

    /// A `ColumnChunk` whose pages start at `offset` in the file (the dictionary page, when there is one).
    static func encodeColumnChunk(_ chunk: ColumnChunkWriter.Chunk, column: ParquetColumn, at offset: Int64,
                                  codec: ParquetCompression, into writer: inout ThriftCompactWriter) {
        writer.structure { columnChunk in
            columnChunk.field(2, i64: offset)
            columnChunk.field(3) { meta in
                meta.field(1, i32: column.physicalType.rawValue)
                meta.field(2, listOf: .i32, count: chunk.encodings.count) { list in
                    for encoding in chunk.encodings { list.i32(encoding) }
                }
                meta.field(3, listOf: .binary, count: 1) { list in list.binary(Array(column.name.utf8)) }
                meta.field(4, i32: codec.codecID)
                meta.field(5, i64: chunk.values)
                meta.field(6, i64: chunk.uncompressedSize)
                meta.field(7, i64: Int64(chunk.bytes.count))
                meta.field(9, i64: offset + Int64(chunk.dictionaryPageLength))
                if chunk.dictionaryPageLength > 0 { meta.field(11, i64: offset) }
                chunk.statistics.encode(for: column, field: 12, into: &meta)
            }
        }
    }
}
