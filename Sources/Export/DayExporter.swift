import Crypto
import Foundation
import Lake
import Parquet
import Postgres

/// Writes one UTC day of `clickstream_events` as one Parquet file: a binary COPY of the day's rows (in time
/// order) streams through the Parquet writer into an upload that replaces the day's file at commit. Memory holds
/// one row group's compressed pages and up to `flushBytes` waiting for the store.
struct DayExporter {
    let connection: PostgresConnection
    let store: any RawStore
    let layout: ExportLayout
    let options: ParquetWriter.Options
    let isCancelled: @Sendable () -> Bool
    /// Bytes gathered before each write to the upload (one S3 part's worth).
    static let flushBytes = 8 << 20
    /// Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let postgresEpochOffset: Int64 = 946_684_800_000_000

    struct Written {
        let rows: Int64
        let bytes: Int64
        let md5: String
        let decimalsOutOfRange: Int64
        let rowGroups: Int
    }

    static func copyStatement(from start: String, to end: String) -> String {
        // Bounds are our own timestamps (formatted from day numbers), never input: COPY takes no parameters.
        """
        COPY (SELECT \(ExportedColumn.all.map(\.expression).joined(separator: ", "))
              FROM clickstream_events
              WHERE event_timestamp >= '\(start)' AND event_timestamp < '\(end)'
              ORDER BY event_timestamp, event_id) TO STDOUT (FORMAT binary)
        """
    }

    func export(day: Int, start: String, end: String) throws -> Written {
        let key = layout.dataKey(day)
        let upload = try BlockingBridge.run { [store] in try await store.startUpload(key, contentType: "application/vnd.apache.parquet") }
        var hasher = Insecure.MD5()
        var pending: [UInt8] = []
        var written: Int64 = 0
        var outOfRange: Int64 = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let bytes = pending
            pending.removeAll(keepingCapacity: true)
            try BlockingBridge.run { try await upload.write(bytes) }
        }
        do {
            let writer = try ParquetWriter(columns: ExportedColumn.all.map(\.parquet), options: options) { bytes in
                hasher.update(data: bytes)
                written += Int64(bytes.count)
                pending.append(contentsOf: bytes)
                if pending.count >= Self.flushBytes { try flush() }
            }
            _ = try connection.copyOutBinary(Self.copyStatement(from: start, to: end)) { row in
                if isCancelled() { throw ExportError.interrupted }
                outOfRange += try Self.append(row, to: writer)
            }
            let summary = try writer.finish()
            try flush()
            try BlockingBridge.run { try await upload.commit() }
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            return Written(rows: summary.rows, bytes: written, md5: digest, decimalsOutOfRange: outOfRange, rowGroups: summary.rowGroups)
        } catch {
            _ = try? BlockingBridge.run { await upload.abort() }
            if let error = error as? ParquetError { throw ExportError.writeFailed(day: ExportLayout.isoDay(day), reason: "\(error)") }
            throw error
        }
    }

    /// One row into the writer; returns 1 when a decimal did not fit DECIMAL(19, 4) and was written as NULL.
    static func append(_ row: borrowing PostgresCopyRow, to writer: ParquetWriter) throws -> Int64 {
        var outOfRange: Int64 = 0
        for (index, column) in ExportedColumn.all.enumerated() {
            guard !row.isNull(index) else {
                try writer.appendNull(index)
                continue
            }
            switch column.source {
            case .text:
                try row.withBytes(index) { try writer.append(index, bytes: $0) }
            case .timestamp:
                try writer.append(index, (try row.int64(index) ?? 0) + postgresEpochOffset)
            case .boolean:
                try writer.append(index, try row.bool(index) ?? false)
            case .int4:
                try writer.append(index, try row.int32(index) ?? 0)
            case .numeric:
                if case .unscaled(let value) = try row.numeric(index, scale: ExportedColumn.moneyScale),
                   value.magnitude < ExportedColumn.moneyLimit {
                    try writer.append(index, unscaled: value)
                } else {
                    outOfRange += 1
                    try writer.appendNull(index)
                }
            }
        }
        try writer.endRow()
        return outOfRange
    }
}
