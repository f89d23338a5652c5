import CLibPQ

extension PostgresConnection {
    /// Streams the rows of `COPY (…) TO STDOUT (FORMAT binary)` to `body`, one at a time, without
    /// materializing a result: the way to read millions of rows. Returns the number of rows.
    /// Text columns arrive as their raw UTF-8 bytes, `timestamptz` and `int8` as 8-byte integers.
    /// COPY takes no parameters, so `copyStatement` must be a constant (values in it made by the caller
    /// from numbers, never from input). If `body` throws, the copy is cancelled and the error rethrown.
    public func copyOutBinary(_ copyStatement: String, _ body: (borrowing PostgresCopyRow) throws -> Void) throws -> Int {
        let operation = Self.operationName(copyStatement)
        guard let started = PQexec(handle, copyStatement) else {
            throw clientError(.copy, operation: operation)
        }
        let status = PQresultStatus(started)
        if status != PGRES_COPY_OUT {
            let failure = PostgresResultReader.error(from: started, connection: self, kind: .copy, operation: operation)
            PQclear(started)
            throw failure
        }
        PQclear(started)

        var parser = PostgresCopyBinaryParser()
        var rows = 0
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }  // done: the final result follows
            guard length > 0, let buffer else {
                failure = failure ?? clientError(.copy, operation: operation)
                break
            }
            defer { PQfreemem(buffer) }
            // After a failure in `body` the rest of the stream is drained unread (libpq has no way to
            // stop a COPY OUT early short of cancelling the query).
            guard failure == nil else { continue }
            do {
                try parser.consume(UnsafeRawBufferPointer(start: buffer, count: Int(length))) { row in
                    rows += 1
                    try body(row)
                }
            } catch {
                failure = error
                cancelRequest()?.send()
            }
        }
        var serverFailure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, serverFailure == nil {
                serverFailure = PostgresResultReader.error(from: result, connection: self, kind: .copy, operation: operation)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if let serverFailure { throw serverFailure }
        if !parser.isFinished {
            throw PostgresError(kind: .copy, message: "the binary COPY stream ended without its trailer", operation: operation)
        }
        return rows
    }
}

/// One row of a binary COPY, valid only inside the callback that receives it (it points into
/// libpq's buffer). Field accessors check bounds; a field of the wrong width reads as a decoding error.
public struct PostgresCopyRow: ~Copyable {
    let bytes: UnsafeRawBufferPointer
    /// Start offset of each field's data, or -1 for NULL; `lengths` parallel.
    let starts: UnsafeBufferPointer<Int>
    let lengths: UnsafeBufferPointer<Int>

    /// Number of fields.
    public var count: Int { starts.count }

    public func isNull(_ field: Int) -> Bool {
        !starts.indices.contains(field) || starts[field] < 0
    }

    /// An 8-byte integer field (`int8`, or `timestamptz` as microseconds since 2000-01-01 UTC); nil for NULL.
    public func int64(_ field: Int) throws(PostgresError) -> Int64? {
        guard !isNull(field) else { return nil }
        guard lengths[field] == 8 else {
            throw PostgresError(kind: .decoding, message: "field \(field) has \(lengths[field]) bytes, expected 8")
        }
        var value: UInt64 = 0
        for offset in 0..<8 { value = value << 8 | UInt64(bytes[starts[field] + offset]) }
        return Int64(bitPattern: value)
    }

    /// A 4-byte integer field (`int4`); nil for NULL.
    public func int32(_ field: Int) throws(PostgresError) -> Int32? {
        guard !isNull(field) else { return nil }
        guard lengths[field] == 4 else {
            throw PostgresError(kind: .decoding, message: "field \(field) has \(lengths[field]) bytes, expected 4")
        }
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 8 | UInt32(bytes[starts[field] + offset]) }
        return Int32(bitPattern: value)
    }

    /// A `boolean` field; nil for NULL.
    public func bool(_ field: Int) throws(PostgresError) -> Bool? {
        guard !isNull(field) else { return nil }
        guard lengths[field] == 1 else {
            throw PostgresError(kind: .decoding, message: "field \(field) has \(lengths[field]) bytes, expected 1")
        }
        return bytes[starts[field]] != 0
    }

    /// A `numeric` field as its unscaled value at `scale` decimal places; nil for NULL.
    public func numeric(_ field: Int, scale: Int) throws(PostgresError) -> PostgresNumeric? {
        guard !isNull(field) else { return nil }
        return try PostgresNumeric.decode(UnsafeRawBufferPointer(rebasing: bytes[starts[field]..<(starts[field] + lengths[field])]), scale: scale)
    }

    /// Calls `body` with the field's raw bytes (for text: UTF-8, unescaped); nil for NULL. The
    /// buffer is valid only during `body`.
    public func withBytes<R>(_ field: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard !isNull(field) else { return nil }
        return try body(UnsafeRawBufferPointer(rebasing: bytes[starts[field]..<(starts[field] + lengths[field])]))
    }

    /// A text field as a `String`; nil for NULL. Allocates: prefer `withBytes` on hot paths.
    public func string(_ field: Int) -> String? {
        withBytes(field) { String(decoding: $0, as: UTF8.self) }
    }
}

/// Splits the binary COPY stream (header, tuples, trailer) into rows. CopyData messages usually
/// carry one tuple each (the first also the header), but the protocol does not promise it, so a
/// tuple split across messages is reassembled.
struct PostgresCopyBinaryParser {
    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
    private var pending: [UInt8] = []
    private var sawHeader = false
    private(set) var isFinished = false
    private var starts: [Int] = []
    private var lengths: [Int] = []

    mutating func consume(_ chunk: UnsafeRawBufferPointer, _ onRow: (borrowing PostgresCopyRow) throws -> Void) throws {
        if pending.isEmpty {
            let used = try parse(chunk, onRow)
            if used < chunk.count { pending.append(contentsOf: chunk[used...]) }
        } else {
            pending.append(contentsOf: chunk)
            let buffer = pending
            let used = try buffer.withUnsafeBytes { try parse($0, onRow) }
            pending.removeFirst(used)
        }
    }

    /// Parses every complete piece of `data`; returns how many bytes it used.
    private mutating func parse(_ data: UnsafeRawBufferPointer, _ onRow: (borrowing PostgresCopyRow) throws -> Void) throws -> Int {
        var position = 0
        if !sawHeader {
            // signature, 4-byte flags, 4-byte extension length, extension
            guard data.count >= 19 else { return 0 }
            guard data.prefix(11).elementsEqual(Self.signature) else {
                throw PostgresError(kind: .decoding, message: "not a binary COPY stream")
            }
            let extensionLength = Int(Self.int32(data, at: 15))
            guard extensionLength >= 0 else { throw PostgresError(kind: .decoding, message: "bad binary COPY header") }
            guard data.count >= 19 + extensionLength else { return 0 }
            position = 19 + extensionLength
            sawHeader = true
        }
        while position + 2 <= data.count, !isFinished {
            let fieldCount = Int(Int16(bitPattern: UInt16(data[position]) << 8 | UInt16(data[position + 1])))
            if fieldCount == -1 {
                isFinished = true
                position += 2
                break
            }
            guard fieldCount >= 0 else { throw PostgresError(kind: .decoding, message: "bad binary COPY tuple") }
            starts.removeAll(keepingCapacity: true)
            lengths.removeAll(keepingCapacity: true)
            var cursor = position + 2
            var complete = true
            for _ in 0..<fieldCount {
                guard cursor + 4 <= data.count else { complete = false; break }
                let length = Int(Self.int32(data, at: cursor))
                cursor += 4
                if length < 0 {
                    starts.append(-1)
                    lengths.append(0)
                } else {
                    guard cursor + length <= data.count else { complete = false; break }
                    starts.append(cursor)
                    lengths.append(length)
                    cursor += length
                }
            }
            guard complete else { break }
            try starts.withUnsafeBufferPointer { starts in
                try lengths.withUnsafeBufferPointer { lengths in
                    try onRow(PostgresCopyRow(bytes: data, starts: starts, lengths: lengths))
                }
            }
            position = cursor
        }
        return position
    }

    private static func int32(_ data: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        var value: UInt32 = 0
        for index in offset..<(offset + 4) { value = value << 8 | UInt32(data[index]) }
        return Int32(bitPattern: value)
    }
}
