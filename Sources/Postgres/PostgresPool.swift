import Dispatch
import Foundation
import Logging
import Synchronization

/// A bounded set of connections. Each job runs on a dedicated dispatch thread, never on Swift's
/// cooperative pool, because libpq blocks. A broken connection is dropped and replaced on next use.
public final class PostgresPool: Sendable {
    /// How to reach the server and how many connections to keep.
    public struct Configuration: Sendable {
        /// A `postgresql://` URL or a `key=value` conninfo string; empty means libpq's defaults (`PG*`, `.pgpass`).
        public var url: String
        /// Overrides the database named in `url` (tests make one database per test from a template).
        public var databaseName: String?
        /// Further conninfo keywords (`host`, `port`, `user`, `password`, `sslmode`) that override the URL's,
        /// passed to libpq as separate values, never spliced into a string.
        public var overrides: [String: String] = [:]
        /// At most this many connections (and so this many threads) at once. Default 4.
        public var maxConnections = 4
        /// How long a job waits for a free connection before failing with a `.pool` error. Default 5 s.
        public var acquireTimeout: Duration = .seconds(5)
        /// How long a new connection may take. Default 5 s.
        public var connectTimeout: Duration = .seconds(5)
        /// Server-side limit per statement; `nil` means none. The dashboard sets one, the ETL does not.
        public var statementTimeout: Duration?
        /// Shown in `pg_stat_activity`.
        public var applicationName = "clickstream"

        public init(url: String) {
            self.url = url
        }
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Lease, any Error>
    }

    /// What a job gets: an idle connection, or the right to open a new one.
    private enum Lease {
        case existing(PostgresConnection)
        case openNew
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var openCount = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isShutDown = false
    }

    public let configuration: Configuration
    private let logger: Logger
    private let state = Mutex(State())
    private let queue: DispatchQueue

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.queue = DispatchQueue(label: "clickstream.postgres", attributes: .concurrent)
    }

    /// Runs `body` with an exclusive connection on a blocking-friendly thread.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let lease = try await acquire()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.async { [self] in
                var connection: PostgresConnection?
                do {
                    switch lease {
                    case .existing(let existing): connection = existing
                    case .openNew: connection = try openConnection()
                    }
                    guard let connection else { throw PostgresError(kind: .pool, message: "no connection") }
                    let value = try body(connection)
                    release(connection)
                    continuation.resume(returning: value)
                } catch {
                    release(connection)
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs one parameterized statement on any connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable & Sendable)?] = []) async throws -> PostgresResult {
        try await withConnection { connection in
            try connection.query(sql, parameters.map { $0 })
        }
    }

    /// Closes idle connections and fails waiting jobs; jobs already running finish first.
    public func shutdown() {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [Waiter]) in
            state.isShutDown = true
            defer { state.idle = []; state.waiters = [] }
            state.openCount -= state.idle.count
            return (state.idle, state.waiters)
        }
        _ = idle  // released here: deinit closes each connection
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .pool, message: "the connection pool is shut down"))
        }
    }

    private func acquire() async throws -> Lease {
        enum Decision { case lease(Lease), wait(UInt64), fail(PostgresError) }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
            let decision = state.withLock { state -> Decision in
                if state.isShutDown { return .fail(PostgresError(kind: .pool, message: "the connection pool is shut down")) }
                if let connection = state.idle.popLast() { return .lease(.existing(connection)) }
                if state.openCount < configuration.maxConnections {
                    state.openCount += 1
                    return .lease(.openNew)
                }
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: state.nextWaiterID, continuation: continuation))
                return .wait(state.nextWaiterID)
            }
            switch decision {
            case .lease(let lease): continuation.resume(returning: lease)
            case .fail(let error): continuation.resume(throwing: error)
            case .wait(let id): scheduleTimeout(for: id)
            }
        }
    }

    private func scheduleTimeout(for id: UInt64) {
        let timeout = configuration.acquireTimeout
        let maxConnections = configuration.maxConnections
        queue.asyncAfter(deadline: .now() + Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18) { [self] in
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: PostgresError(
                kind: .pool, message: "all \(maxConnections) database connections stayed busy for \(timeout)",
                hint: "the warehouse is slow or overloaded; retry shortly"))
        }
    }

    /// Returns a connection to the pool, or drops it when it is broken or mid-transaction.
    private func release(_ connection: PostgresConnection?) {
        var keep = connection
        if let candidate = keep, !candidate.isHealthy || !candidate.isIdle {
            if candidate.isHealthy { try? candidate.execute("ROLLBACK") }
            if !candidate.isHealthy || !candidate.isIdle {
                logger.warning("dropping a database connection", metadata: ["db.healthy": "\(candidate.isHealthy)"])
                keep = nil
            }
        }
        let next = state.withLock { state -> (Waiter, Lease)? in
            if let waiter = state.waiters.first {
                state.waiters.removeFirst()
                // A dropped connection frees its slot: the waiter opens a fresh one.
                return (waiter, keep.map { .existing($0) } ?? .openNew)
            }
            if let keep, !state.isShutDown { state.idle.append(keep) } else { state.openCount -= 1 }
            return nil
        }
        if let (waiter, lease) = next { waiter.continuation.resume(returning: lease) }
    }

    private func openConnection() throws(PostgresError) -> PostgresConnection {
        var settings: [(String, String)] = [
            ("application_name", configuration.applicationName),
            ("connect_timeout", String(max(1, configuration.connectTimeout.components.seconds))),
        ]
        // A later dbname keyword is a plain name and overrides the one expanded from the URL.
        settings += configuration.overrides.sorted { $0.key < $1.key }.filter { $0.key != "dbname" }
        if let databaseName = configuration.databaseName ?? configuration.overrides["dbname"] {
            settings.append(("dbname", databaseName))
        }
        // Read timestamps back in UTC ISO form, whatever the server's default zone.
        var options = "-c TimeZone=UTC -c DateStyle=ISO"
        if let timeout = configuration.statementTimeout {
            let ms = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
            options += " -c statement_timeout=\(ms)"
        }
        settings.append(("options", options))
        do {
            return try PostgresConnection.connect(url: configuration.url, settings: settings)
        } catch {
            logger.warning("cannot connect to the warehouse", metadata: ["db.error": "\(error.message)"])
            throw error
        }
    }
}
