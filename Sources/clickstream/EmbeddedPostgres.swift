import Foundation
import Logging
import Postgres
import Synchronization

/// A private PostgreSQL in a project folder: unix socket only (no TCP), trust auth limited by a 0700
/// socket folder, run as a non-root user when we are root (PostgreSQL refuses to run as root).
final class EmbeddedPostgres: Sendable {
    static let databaseName = "clickstream_dw"
    static let superuser = "clickstream"

    let directory: URL
    let logger: Logger
    private let ownsServer = LockedFlag()

    init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    var dataDirectory: URL { directory.appendingPathComponent("data") }
    var socketDirectory: URL { directory.appendingPathComponent("run") }
    var logFile: URL { directory.appendingPathComponent("postgres.log") }

    var poolConfiguration: PostgresPool.Configuration {
        var configuration = PostgresPool.Configuration(url: "")
        configuration.overrides = ["host": socketDirectory.path, "user": Self.superuser, "dbname": Self.databaseName]
        return configuration
    }

    /// Initializes the cluster on first use, starts it unless it already runs, and creates the database.
    func start() async throws {
        let tools = try PostgresTools.locate()
        let runner = ProcessRunner(runAs: geteuid() == 0 ? try Self.serviceUser() : nil)
        guard socketDirectory.path.utf8.count < 100 else {
            throw ConfigurationError("the embedded PostgreSQL folder \(directory.path) is too deep for a unix socket path (max ~100 bytes): pass a shorter --pg-dir")
        }
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        try runner.handOver(directory)

        if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            logger.info("initializing the embedded PostgreSQL", metadata: ["pg.dir": "\(dataDirectory.path)"])
            try runner.run(tools.initdb, ["-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust",
                                          "-E", "UTF8", "--locale=C.UTF-8"], failure: "initdb")
            let settings = """

                # clickstream: private server, unix socket only
                listen_addresses = ''
                unix_socket_directories = '\(socketDirectory.path)'
                unix_socket_permissions = 0700
                max_connections = 40
                shared_buffers = 256MB
                """
            let handle = try FileHandle(forWritingTo: dataDirectory.appendingPathComponent("postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
        }
        if try runner.succeeds(tools.pgCtl, ["-D", dataDirectory.path, "status"]) {
            logger.info("using the embedded PostgreSQL that is already running", metadata: ["pg.dir": "\(directory.path)"])
        } else {
            logger.info("starting the embedded PostgreSQL", metadata: ["pg.dir": "\(directory.path)"])
            try runner.run(tools.pgCtl, ["-D", dataDirectory.path, "-l", logFile.path, "start"],
                           failure: "pg_ctl start (see \(logFile.path))", detaches: true)
            ownsServer.set()
        }
        try await createDatabase(tools: tools, runner: runner)
    }

    /// Stops the server if this process started it.
    func stop() {
        guard ownsServer.take(), let tools = try? PostgresTools.locate() else { return }
        let runner = ProcessRunner(runAs: geteuid() == 0 ? try? Self.serviceUser() : nil)
        logger.info("stopping the embedded PostgreSQL")
        _ = try? runner.run(tools.pgCtl, ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"], failure: "pg_ctl stop")
    }

    /// Waits (up to 60 s) until the server accepts connections, then creates the database if needed.
    private func createDatabase(tools: PostgresTools, runner: ProcessRunner) async throws {
        var attempt = 0
        while true {
            do {
                try await createDatabaseNow()
                return
            } catch let error as PostgresError where error.isConnectionProblem && attempt < 120 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(500))
            } catch let error as PostgresError where error.isConnectionProblem {
                throw ConfigurationError("the embedded PostgreSQL did not accept connections within 60 s (see \(logFile.path)): \(error.message)")
            }
        }
    }

    private func createDatabaseNow() async throws {
        var configuration = poolConfiguration
        configuration.overrides["dbname"] = "postgres"
        configuration.maxConnections = 1
        // Refused connections are expected while the server starts (the caller retries, then says why it gave
        // up): not a warning on every start.
        var quiet = logger
        quiet.logLevel = .error
        let admin = PostgresPool(configuration: configuration, logger: quiet)
        defer { admin.shutdown() }
        let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [Self.databaseName])
        if exists.isEmpty {
            try await admin.withConnection { connection in
                try connection.execute("CREATE DATABASE \(Self.databaseName)")  // a constant, not input
            }
        }
    }

    /// The account PostgreSQL runs as when we are root: Debian's `postgres`, else `nobody`.
    static func serviceUser() throws -> String {
        for name in ["postgres", "nobody"] where getpwnam(name) != nil { return name }
        throw ConfigurationError("running as root, but neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL: install postgresql or set DATABASE_URL")
    }
}

/// A flag set once and taken once, shared across threads.
final class LockedFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { flag in flag = true } }
    /// Sets the flag; true only for the first caller.
    func setFirst() -> Bool {
        value.withLock { flag in
            defer { flag = true }
            return !flag
        }
    }
    func take() -> Bool {
        value.withLock { flag in
            defer { flag = false }
            return flag
        }
    }
}
