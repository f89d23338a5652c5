/// A failure talking to PostgreSQL, with the server's SQLSTATE and diagnostics when it sent them.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Where the failure happened.
    public enum Kind: Sendable, Equatable {
        case connection, query, copy, decoding, pool
    }

    public var kind: Kind
    /// Five-character SQLSTATE (`23505` unique violation, `57014` query canceled, ...).
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// What we were doing, e.g. `connect` or a named query, so a log line leads to its code.
    public var operation: String?

    public init(kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
                hint: String? = nil, operation: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.operation = operation
    }

    /// True when the warehouse cannot be reached (down, connection lost, pool exhausted, shutting down):
    /// callers answer 503 and retry later rather than treating it as a bug.
    public var isConnectionProblem: Bool {
        switch kind {
        case .connection, .pool: return true
        case .query, .copy, .decoding:
            // Class 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now.
            guard let sqlState else { return false }
            return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
        }
    }

    /// The same error, tagged with the operation that failed.
    public func during(_ operation: String) -> PostgresError {
        var copy = self
        copy.operation = copy.operation ?? operation
        return copy
    }

    public var description: String {
        var text = "PostgreSQL \(kind) error"
        if let operation { text += " in \(operation)" }
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let detail { text += " (detail: \(detail))" }
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
