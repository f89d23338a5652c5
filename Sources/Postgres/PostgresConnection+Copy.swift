import CLibPQ

extension PostgresConnection {
    /// Streams rows into `COPY … FROM STDIN`; `format` must match the statement's (`WITH (FORMAT binary)`).
    /// Returns the number of rows the server copied. If `body` throws, the COPY is aborted and nothing it
    /// wrote is kept.
    public func copyIn(_ copyStatement: String, format: PostgresCopyWriter.Format = .text,
                       _ body: (inout PostgresCopyWriter) throws -> Void) throws -> Int {
        let operation = Self.operationName(copyStatement)
        guard let started = PQexec(handle, copyStatement) else {
            throw clientError(.copy, operation: operation)
        }
        let status = PQresultStatus(started)
        if status != PGRES_COPY_IN {
            let failure = PostgresResultReader.error(from: started, connection: self, kind: .copy, operation: operation)
            PQclear(started)
            throw failure
        }
        PQclear(started)

        var writer = PostgresCopyWriter(format: format) { [self] (chunk: [UInt8]) throws(PostgresError) in
            let sent = chunk.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { PQputCopyData(handle, $0, Int32(buffer.count)) }
                } ?? 1
            }
            if sent != 1 { throw clientError(.copy, operation: operation) }
        }
        do {
            try body(&writer)
            writer.sendBuffer(isLast: true)
        } catch {
            _ = PQputCopyEnd(handle, "aborted by client")
            _ = try? drainResults(operation: operation)
            throw error
        }
        if let failure = writer.pendingError {
            _ = PQputCopyEnd(handle, "aborted after a send failure")
            _ = try? drainResults(operation: operation)
            throw failure
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let failure = clientError(.copy, operation: operation)
            _ = try? drainResults(operation: operation)
            throw failure
        }
        return try drainResults(operation: operation)
    }

    /// Reads results until libpq returns null, as the protocol requires; throws the first failure.
    private func drainResults(operation: String) throws(PostgresError) -> Int {
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                copied = PostgresResultReader.affectedRows(of: result)
            } else if failure == nil {
                failure = PostgresResultReader.error(from: result, connection: self, kind: .copy, operation: operation)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return copied
    }
}
