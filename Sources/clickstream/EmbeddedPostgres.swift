import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    /// Our shared lock on `usersLockFile` while we use the server (-1 before `start` and after `stop`).
    private let usersLock = Mutex<Int32>(-1)
    /// Set when this process ran `pg_ctl start`, which returns before the server is up.
    private let launchedHere = Mutex(false)

    init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    var dataDirectory: URL { directory.appendingPathComponent("data") }
    var socketDirectory: URL { directory.appendingPathComponent("run") }
    var logFile: URL { directory.appendingPathComponent("postgres.log") }
    /// Every process using the server holds a shared `flock` on this file while it does; the last one to leave
    /// stops the server, whoever started it (a process that died leaves its lock behind with its descriptor).
    var usersLockFile: URL { directory.appendingPathComponent("users.lock") }

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
        // Only the server's account (and root) may reach the socket: trust authentication relies on it. Not
        // through a symbolic link: the folder belongs to that account, and we may be root.
        guard (try? FileManager.default.attributesOfItem(atPath: socketDirectory.path)[.type] as? FileAttributeType) == .typeDirectory else {
            throw ConfigurationError("\(socketDirectory.path) is not a plain folder: remove it and start again")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDirectory.path)
        try runner.handOver(directory)
        try joinUsers()

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
            launchedHere.withLock { $0 = true }
        }
        do {
            try await createDatabase(tools: tools, runner: runner)
        } catch {
            stop()  // started (or joined) but unusable, or interrupted while it came up: not left behind
            throw error
        }
    }

    /// Registers this process as a user of the server (a shared lock), waiting while a last user stops it.
    private func joinUsers() throws {
        let descriptor = open(usersLockFile.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError("cannot open \(usersLockFile.path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_SH) != 0 {
            guard errno == EINTR else {
                let message = String(cString: strerror(errno))
                close(descriptor)
                throw ConfigurationError("cannot lock \(usersLockFile.path): \(message)")
            }
        }
        usersLock.withLock { $0 = descriptor }
    }

    /// Leaves the server; stops it when no other clickstream process uses it (whoever started it).
    func stop() {
        let descriptor = usersLock.withLock { held in
            defer { held = -1 }
            return held
        }
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }  // gives up our lock, after the server is down
        // Exclusive without waiting succeeds only when no other process holds the shared lock.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            logger.info("leaving the embedded PostgreSQL running: another clickstream process uses it")
            return
        }
        guard let tools = try? PostgresTools.locate() else { return }
        let runner = ProcessRunner(runAs: geteuid() == 0 ? try? Self.serviceUser() : nil)
        let dataPath = dataDirectory.path
        let isRunning = { (try? runner.succeeds(tools.pgCtl, ["-D", dataPath, "status"])) == true }
        var running = isRunning()
        // Launched here moments ago (a signal during start-up): the server may not have written its pid yet
        // (as long as pg_ctl itself would wait for it).
        if !running, launchedHere.withLock({ $0 }) {
            for _ in 0..<600 where !running {
                usleep(100_000)
                running = isRunning()
            }
        }
        guard running else { return }  // already down (stopped by hand, or it never came up): nothing to stop
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

/// A flag set once, shared across threads.
final class LockedFlag: Sendable {
    private let value = Mutex(false)
    /// Sets the flag; true only for the first caller.
    func setFirst() -> Bool {
        value.withLock { flag in
            defer { flag = true }
            return !flag
        }
    }
}
