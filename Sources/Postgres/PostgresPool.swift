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
        /// Server-side limit per statement; `nil` (the default) means none. The server shares one pool between the
        /// dashboard and the ETL, so it sets none: a dashboard read abandoned at its deadline cancels itself instead.
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
    /// Waiters' time-outs, and cancel requests one at a time. Serial queues, because libdispatch runs those on
    /// "overcommit" threads, made when every thread is busy; a concurrent queue's threads are as many as the
    /// cores, so jobs blocked in libpq (or decoding on the same global pool) held up other jobs and even the
    /// acquire time-out behind them.
    private let timerQueue: DispatchQueue
    private let cancelQueue: DispatchQueue

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.timerQueue = DispatchQueue(label: "clickstream.postgres.timer")
        self.cancelQueue = DispatchQueue(label: "clickstream.postgres.cancel")
    }

    /// What becomes of a running statement when the task waiting for it is cancelled.
    public enum TaskCancellation: Sendable {
        /// The job runs to its end and its result is dropped (loads: their transactions commit or roll back whole).
        case letFinish
        /// The server is asked to cancel the running statement, and the connection is closed afterwards rather
        /// than reused, so a cancel that arrives late cannot hit its next user's statement (dashboard reads
        /// abandoned at their deadline: the warehouse stops working for nobody).
        case cancelStatement
    }

    /// Runs `body` with an exclusive connection on a blocking-friendly thread.
    public func withConnection<T: Sendable>(onTaskCancellation: TaskCancellation = .letFinish,
                                            _ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        // A caller already given up on takes no connection (it would only wait for one, then run nothing).
        if onTaskCancellation == .cancelStatement, Task.isCancelled { throw CancellationError() }
        let lease = try await acquire()
        let cancelSwitch = onTaskCancellation == .cancelStatement ? CancelSwitch() : nil
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                // A serial queue of its own: the job gets a thread even when every other thread is blocked.
                DispatchQueue(label: "clickstream.postgres.job").async { [self] in
                    var connection: PostgresConnection?
                    let result = Result { () throws -> T in
                        switch lease {
                        case .existing(let existing) where existing.isQuiet: connection = existing
                        case .existing:
                            // Closed by the server while idle (it restarted): its slot gets a fresh connection, so
                            // the first request after an outage works instead of failing on a dead one.
                            logger.info("replacing a database connection the server closed while it was idle")
                            connection = try openConnection()
                        case .openNew: connection = try openConnection()
                        }
                        guard let connection else { throw PostgresError(kind: .pool, message: "no connection") }
                        if let cancelSwitch, !cancelSwitch.arm(connection.cancelRequest()) { throw CancellationError() }
                        return try body(connection)
                    }
                    release(connection, discard: cancelSwitch?.disarm() ?? false)
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            // PQcancel connects to the server and may wait long for an unreachable one: not on the cancelling
            // thread (it may be the cooperative pool's), nor on a job's, but one at a time here.
            if let request = cancelSwitch?.trip() { cancelQueue.async { request.send() } }
        }
    }

    /// Runs one parameterized statement on any connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable & Sendable)?] = [],
                      onTaskCancellation: TaskCancellation = .letFinish) async throws -> PostgresResult {
        try await withConnection(onTaskCancellation: onTaskCancellation) { connection in
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
        timerQueue.asyncAfter(deadline: .now() + Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18) { [self] in
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: PostgresError(
                kind: .pool, message: "all \(maxConnections) database connections stayed busy for \(timeout)",
                hint: "the warehouse is slow or overloaded; retry shortly"))
        }
    }

    /// Returns a connection to the pool, or drops it when it is broken, mid-transaction, or `discard`ed.
    private func release(_ connection: PostgresConnection?, discard: Bool = false) {
        var keep = discard ? nil : connection
        if discard, connection != nil {
            logger.debug("closing a database connection whose statement was cancelled")
        }
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
            return try PostgresConnection.connect(url: configuration.url, settings: settings, logger: logger)
        } catch {
            logger.warning("cannot connect to the warehouse", metadata: ["db.error": "\(error.message)"])
            throw error
        }
    }
}

/// Between a job and the task waiting for it: the job's cancel request while it runs, or the news that the
/// task was cancelled, whichever comes first.
private final class CancelSwitch: Sendable {
    private enum State {
        case waiting
        case running(PostgresCancelRequest?)
        case cancelled(isSent: Bool)
    }

    private let state = Mutex(State.waiting)

    /// Called as the job starts; false when the task was cancelled already (the job then runs nothing).
    func arm(_ request: PostgresCancelRequest?) -> Bool {
        state.withLock { state in
            if case .cancelled = state { return false }
            state = .running(request)
            return true
        }
    }

    /// Called on task cancellation: the request to send when the job is running.
    func trip() -> PostgresCancelRequest? {
        state.withLock { state in
            if case .running(let request) = state {
                state = .cancelled(isSent: request != nil)
                return request
            }
            if case .waiting = state { state = .cancelled(isSent: false) }
            return nil
        }
    }

    /// Called as the job ends; true when a cancel was sent, so the connection must not be reused.
    func disarm() -> Bool {
        state.withLock { state in
            if case .cancelled(let isSent) = state { return isSent }
            state = .waiting
            return false
        }
    }
}
