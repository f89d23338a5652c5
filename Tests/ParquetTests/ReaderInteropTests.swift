import Foundation
import Testing
@testable import Parquet

/// Files from the writer read back by a real reader, pyarrow (installed by scripts/setup.sh): values, the
/// logical types, row groups, and the statistics engines prune with.
@Suite("Files read by pyarrow")
struct ReaderInteropTests {
    static let columns = [
        ParquetColumn("id", .int64, isOptional: false),
        ParquetColumn("at", .timestampMicros),
        ParquetColumn("name", .string),
        ParquetColumn("doc", .json),
        ParquetColumn("price", .decimal(precision: 19, scale: 4)),
        ParquetColumn("flag", .boolean),
        ParquetColumn("position", .int32),
    ]

    /// Row `i`: a few distinct names (dictionary), nulls every 7th row, negative and large decimals.
    static func write(rows: Int, options: ParquetWriter.Options) throws -> [UInt8] {
        var file: [UInt8] = []
        let writer = try ParquetWriter(columns: columns, options: options) { file.append(contentsOf: $0) }
        for row in 0..<rows {
            try writer.append(0, Int64(row))
            try writer.append(1, Int64(1_764_547_200_000_000) + Int64(row) * 1_000_001)
            if row % 7 == 3 { try writer.appendNull(2) } else { try writer.append(2, ["Giày thể thao", "áo", "zebra", ""][row % 4]) }
            try writer.append(3, #"{"k":\#(row)}"#)
            if row % 5 == 0 { try writer.appendNull(4) } else { try writer.append(4, unscaled: Int128(row - rows / 2) * 99_999_999_999_999) }
            try writer.append(5, row % 3 == 0)
            if row % 2 == 0 { try writer.appendNull(6) } else { try writer.append(6, Int32(-row)) }
            try writer.endRow()
        }
        try writer.finish()
        return file
    }

    static func read(_ file: [UInt8]) throws -> [String: Any] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-\(UUID().uuidString).parquet")
        try Data(file).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let script = """
            import json, sys, pyarrow.parquet as pq
            f = pq.ParquetFile(sys.argv[1])
            t = f.read()
            m = f.metadata
            out = {"rows": m.num_rows, "row_groups": m.num_row_groups, "types": [str(x) for x in t.schema.types],
                   "ids": t.column("id").to_pylist(), "names": t.column("name").to_pylist(),
                   "at": [x.isoformat() if x else None for x in t.column("at").to_pylist()],
                   "docs": [str(x) for x in t.column("doc").to_pylist()[:3]],
                   "prices": [None if x is None else str(x) for x in t.column("price").to_pylist()],
                   "flags": t.column("flag").to_pylist(), "positions": t.column("position").to_pylist(), "stats": []}
            for g in range(m.num_row_groups):
                for c in range(m.num_columns):
                    s = m.row_group(g).column(c).statistics
                    out["stats"].append([g, c, s.null_count, str(s.min) if s.has_min_max else None, str(s.max) if s.has_min_max else None])
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path.path]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        let failure = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "pyarrow could not read the file (scripts/setup.sh installs it): \(String(decoding: failure, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }

    static func expectedPrice(_ row: Int, rows: Int) -> String? {
        guard row % 5 != 0 else { return nil }
        let unscaled = Int128(row - rows / 2) * 99_999_999_999_999
        let sign = unscaled < 0 ? "-" : ""
        let magnitude = unscaled < 0 ? -unscaled : unscaled
        let fraction = String(magnitude % 10_000)
        return "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }

    @Test("every column's values and logical type come back as written, Snappy, one row group")
    func valuesAndTypesRoundTrip() throws {
        let rows = 1_000
        let result = try Self.read(try Self.write(rows: rows, options: ParquetWriter.Options()))
        #expect(result["rows"] as? Int == rows)
        #expect(result["types"] as? [String] == ["int64", "timestamp[us, tz=UTC]", "string", "extension<arrow.json>", "decimal128(19, 4)", "bool", "int32"]
                || result["types"] as? [String] == ["int64", "timestamp[us, tz=UTC]", "string", "string", "decimal128(19, 4)", "bool", "int32"],
                "\(result["types"] ?? "")")
        #expect(result["ids"] as? [Int] == Array(0..<rows))
        let names = result["names"] as? [Any] ?? []
        #expect(names.count == rows)
        for row in [0, 1, 2, 3, 10, 999] {
            let expected: String? = row % 7 == 3 ? nil : ["Giày thể thao", "áo", "zebra", ""][row % 4]
            #expect(names[row] as? String == expected, "row \(row)")
        }
        #expect((result["at"] as? [String])?.first == "2025-12-01T00:00:00+00:00")
        #expect((result["at"] as? [String])?[1] == "2025-12-01T00:00:01.000001+00:00")
        #expect((result["docs"] as? [String])?.first == #"{"k":0}"#)
        let prices = result["prices"] as? [Any] ?? []
        for row in 0..<rows { #expect(prices[row] as? String == Self.expectedPrice(row, rows: rows), "row \(row)") }
        #expect((result["flags"] as? [Bool])?.prefix(4) == [true, false, false, true])
        let positions = result["positions"] as? [Any] ?? []
        #expect(positions[1] as? Int == -1 && positions[0] is NSNull)
    }

    @Test("statistics give each chunk's null count and min/max in the column's order (signed, or bytewise for text)")
    func statistics() throws {
        let rows = 1_000
        let result = try Self.read(try Self.write(rows: rows, options: ParquetWriter.Options()))
        let stats = (result["stats"] as? [[Any]] ?? []).map { $0.map { "\($0)" } }
        #expect(stats[0] == ["0", "0", "0", "0", "999"])
        #expect(stats[1] == ["0", "1", "0", "2025-12-01 00:00:00+00:00", "2025-12-01 00:16:39.000999+00:00"])
        // "áo" sorts after "zebra": text compares by its UTF-8 bytes, and 0xC3 > 0x7A.
        #expect(stats[2] == ["0", "2", "\((0..<rows).filter { $0 % 7 == 3 }.count)", "", "áo"])
        #expect(stats[4] == ["0", "4", "200", Self.expectedPrice(1, rows: rows) ?? "", Self.expectedPrice(999, rows: rows) ?? ""])
        #expect(stats[5] == ["0", "5", "0", "False", "True"])
        #expect(stats[6] == ["0", "6", "500", "-999", "-1"])
    }

    @Test("row groups close at the size limit; dictionaries fall back to PLAIN past theirs; ZSTD reads back")
    func rowGroupsFallbackAndZstd() throws {
        var options = ParquetWriter.Options()
        options.rowGroupSize = 64 << 10
        options.pageSize = 4 << 10
        options.dictionaryPageLimit = 2 << 10
        options.compression = .zstd(level: 3)
        let rows = 20_000
        let result = try Self.read(try Self.write(rows: rows, options: options))
        #expect((result["row_groups"] as? Int ?? 0) > 1)
        #expect(result["ids"] as? [Int] == Array(0..<rows))
        let prices = result["prices"] as? [Any] ?? []
        for row in stride(from: 0, to: rows, by: 97) { #expect(prices[row] as? String == Self.expectedPrice(row, rows: rows), "row \(row)") }
    }

    @Test("a row missing a column, or a column given twice, is refused")
    func incompleteRows() throws {
        let writer = try ParquetWriter(columns: [ParquetColumn("a", .int64), ParquetColumn("b", .string)]) { _ in }
        try writer.append(0, Int64(1))
        #expect(throws: ParquetError.incompleteRow(column: "b")) { try writer.endRow() }
        #expect(throws: ParquetError.incompleteRow(column: "a")) { try writer.append(0, Int64(2)) }
        #expect(throws: ParquetError.typeMismatch(column: "b", expected: "string")) { try writer.append(1, Int64(2)) }
    }

    @Test("a decimal with more digits than its precision is refused, not wrapped")
    func decimalOutOfRange() throws {
        let writer = try ParquetWriter(columns: [ParquetColumn("d", .decimal(precision: 19, scale: 4))]) { _ in }
        #expect(throws: ParquetError.decimalOutOfRange(column: "d")) { try writer.append(0, unscaled: ParquetColumn.power10(19)) }
        try writer.append(0, unscaled: ParquetColumn.power10(19) - 1)
    }

    @Test("DECIMAL(19, 4) takes 9 bytes: the fewest whose signed range holds 19 digits")
    func decimalWidths() {
        #expect(ParquetColumn.decimalByteWidth(precision: 19) == 9)
        #expect(ParquetColumn.decimalByteWidth(precision: 18) == 8)
        #expect(ParquetColumn.decimalByteWidth(precision: 2) == 1)
        #expect(ParquetColumn.decimalByteWidth(precision: 3) == 2)
        #expect(ParquetColumn.decimalByteWidth(precision: 38) == 16)
    }
}
