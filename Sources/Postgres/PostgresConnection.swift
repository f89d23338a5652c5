import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// One libpq connection. Blocking: use it only inside `PostgresPool.withConnection`, which runs
/// on a dedicated thread and hands each connection to one caller at a time.
///
/// `@unchecked Sendable` invariant: the pool gives a connection to exactly one job at a time, so
/// `handle` is never used from two threads at once; it is freed exactly once, in `deinit`.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Receives the server's notices for as long as `handle` lives (see `PostgresNoticeSink`).
    private let noticeSink: PostgresNoticeSink

    private init(handle: OpaquePointer, logger: Logger) {
        self.handle = handle
        noticeSink = PostgresNoticeSink(logger: logger)
        noticeSink.install(on: handle)
    }

    deinit {
        PQfinish(handle)
    }

    /// Connects with a `postgresql://` URL or a `key=value` conninfo string; `settings` are extra
    /// conninfo keywords (`application_name`, `connect_timeout`, `options`) that override the URL's.
    /// The server's notices and warnings go to `logger`.
    public static func connect(url: String, settings: [(String, String)] = [],
                               logger: Logger = Logger(label: "postgres")) throws(PostgresError) -> PostgresConnection {
        // libpq's parse errors quote the string, password included: say which part is wrong instead.
        if !url.isEmpty, let problem = ConninfoCheck.problem(url) {
            throw PostgresError(kind: .connection, message: "the connection string (DATABASE_URL or --database-url) is malformed: "
                                + problem + " (not shown, as it may hold a password); fix it and restart", operation: "connect")
        }
        // Values travel as separate keyword/value arrays, never spliced into a conninfo string.
        let keywords = ["dbname"] + settings.map(\.0)
        let values = [url] + settings.map(\.1)
        let handle = CStringArray.with(keywords) { keywordPointers in
            CStringArray.with(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection", operation: "connect")
        }
        let connection = PostgresConnection(handle: handle, logger: logger)  // owns handle from here: deinit frees it
        guard PQstatus(handle) == CONNECTION_OK else {
            // Defence in depth: no libpq message should hold the password, but none may.
            let message = ConninfoCheck.scrub(ConninfoCheck.withoutSettingValue(connection.lastErrorMessage), secrets: ConninfoCheck.secrets(url, settings: settings))
            throw PostgresError(kind: .connection, message: message, operation: "connect")
        }
        return connection
    }

    /// True while the connection is usable; false after the server went away.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// True when the connection is outside any transaction block.
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// False when an idle connection has something to read: the server closed it (a restart, a terminated
    /// backend) or sent its farewell error. Nothing else arrives unasked on an idle session of ours (no LISTEN),
    /// so one zero-timeout poll tells a connection worth reusing from one whose first query would fail.
    var isQuiet: Bool {
        let socket = PQsocket(handle)
        guard socket >= 0 else { return false }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        // -1 (EINTR and the like) says nothing about the peer: keep the connection, as before this check.
        return poll(&descriptor, 1, 0) <= 0
    }

    /// A failure libpq reports on its own (no result from the server), as `kind`, or as a connection error when
    /// the session is gone (`PostgresResultReader.isSessionLost`: libpq may still call the connection good).
    func clientError(_ kind: PostgresError.Kind, operation: String) -> PostgresError {
        let message = lastErrorMessage
        let isLost = PostgresResultReader.isSessionLost(severity: nil, sqlState: nil, message: message, isHealthy: isHealthy)
        return PostgresError(kind: isLost ? .connection : kind, message: message, operation: operation)
    }

    /// libpq's last error on one line: its messages span lines ("server closed the connection
    /// unexpectedly\n\tThis probably means ..."), which broke the one-record-per-line log.
    var lastErrorMessage: String {
        guard let message = PQerrorMessage(handle) else { return "unknown libpq error" }
        let text = String(cString: message).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.isEmpty ? "unknown libpq error" : text
    }

    /// Runs one statement with `$1…$n` parameters (`nil` is NULL; text format, or binary for
    /// `PostgresBinaryEncodable` values) and reads every row.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws(PostgresError) -> PostgresResult {
        let result: OpaquePointer?
        if parameters.contains(where: { $0 is any PostgresBinaryEncodable }) {
            let values: [ParameterBuffers.Value?] = parameters.map { parameter in
                guard let parameter else { return nil }
                if let binary = parameter as? any PostgresBinaryEncodable { return .binary(binary.postgresBinary) }
                return .text(parameter.postgresText)
            }
            result = ParameterBuffers.with(values) { pointers, lengths, formats in
                PQexecParams(handle, sql, Int32(values.count), nil, pointers, lengths, formats, 0)
            }
        } else {
            let texts: [String?] = parameters.map { $0?.postgresText }
            result = CStringArray.withOptional(texts) { pointers in
                PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
            }
        }
        return try PostgresResultReader.read(result, connection: self, operation: Self.operationName(sql))
    }

    /// Runs a script of one or more statements without parameters (migrations, DDL).
    public func execute(_ script: String) throws(PostgresError) {
        let result = PQexec(handle, script)
        _ = try PostgresResultReader.read(result, connection: self, operation: Self.operationName(script))
        // A multi-statement script returns only the last result; earlier ones are already consumed by PQexec.
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            if isHealthy { try? execute("ROLLBACK") }
            throw error
        }
        try execute("COMMIT")
        return value
    }

    /// A short name for logs: the SQL's leading comment (`-- name`) or its first words.
    static func operationName(_ sql: String) -> String {
        let trimmed = sql.drop { $0 == " " || $0 == "\n" }
        if trimmed.hasPrefix("--"), let end = trimmed.firstIndex(of: "\n") {
            return String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
        }
        return String(trimmed.prefix(48)).replacingOccurrences(of: "\n", with: " ")
    }
}
