import CLibPQ

/// Reads a `PGresult` into Swift values and clears it, exactly once, whatever happens.
enum PostgresResultReader {
    static func read(_ result: OpaquePointer?, connection: PostgresConnection, operation: String) throws(PostgresError) -> PostgresResult {
        guard let result else {
            throw connection.clientError(.query, operation: operation)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return rows(of: result)
        case PGRES_EMPTY_QUERY:
            return PostgresResult(columns: [], rows: [], affectedRows: 0)
        default:
            throw error(from: result, connection: connection, kind: .query, operation: operation)
        }
    }

    static func rows(of result: OpaquePointer) -> PostgresResult {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var names: [String] = []
        names.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            names.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?")
        }
        let columns = PostgresColumns(names: names)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else if let value = PQgetvalue(result, Int32(row), Int32(column)) {
                    values.append(String(cString: value))
                } else {
                    values.append(nil)
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return PostgresResult(columns: names, rows: rows, affectedRows: affectedRows(of: result))
    }

    static func affectedRows(of result: OpaquePointer) -> Int {
        guard let tuples = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    /// Builds a typed error from a failed result's diagnostic fields.
    static func error(from result: OpaquePointer, connection: PostgresConnection, kind: PostgresError.Kind,
                      operation: String) -> PostgresError {
        let field = { (code: Character) in errorField(code, of: result) }
        let message = field("M") ?? connection.lastErrorMessage
        let sqlState = field("C")
        let isLost = isSessionLost(severity: field("V") ?? field("S"), sqlState: sqlState, message: message,
                                   isHealthy: connection.isHealthy)
        return PostgresError(kind: isLost ? .connection : kind, message: message,
                             sqlState: sqlState, detail: field("D"), hint: field("H"), operation: operation)
    }

    /// One diagnostic field of an error or notice result ("M" message, "C" SQLSTATE, "V" severity, ...).
    static func errorField(_ code: Character, of result: OpaquePointer) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
        return String(cString: value)
    }

    /// True when a failed statement means the session is gone rather than the statement was wrong: libpq says
    /// the connection is bad, the server ended the session (FATAL, PANIC), or libpq reports an error of its
    /// own (no SQLSTATE) about the connection. A connection lost while a statement was in flight was seen to
    /// fail with "server closed the connection unexpectedly" while libpq still called the connection good;
    /// callers answer 503 and retry for connection errors, so it must not pass for a failed query (a 500).
    static func isSessionLost(severity: String?, sqlState: String?, message: String, isHealthy: Bool) -> Bool {
        !isHealthy || severity == "FATAL" || severity == "PANIC"
            || (sqlState == nil && ["connection", "server", "SSL"].contains { message.contains($0) })
    }
}
