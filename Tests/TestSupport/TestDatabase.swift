import Foundation
import Logging
import Postgres
import Warehouse

/// A throwaway database for one test, created from a migrated template and dropped afterwards.
public struct TestDatabase: Sendable {
    /// The test's own database name.
    public let name: String
    /// A pool connected to it.
    public let pool: PostgresPool
    /// A URL or conninfo that reaches it, for subprocesses (the CLI under test).
    public let url: String
}

/// Runs `body` with a fresh migrated database, then drops it. Needs `CLICKSTREAM_TEST_DATABASE_URL`
/// (a superuser URL; `make test` starts such a server and sets it).
public func withTestDatabase<T: Sendable>(_ body: (TestDatabase) async throws -> T) async throws -> T {
    let admin = try TestDatabaseServer.shared()
    let name = try await admin.createDatabase()
    var configuration = PostgresPool.Configuration(url: admin.url)
    configuration.databaseName = name
    configuration.maxConnections = 4
    let pool = PostgresPool(configuration: configuration, logger: TestDatabaseServer.logger)
    let database = TestDatabase(name: name, pool: pool, url: TestDatabaseServer.url(admin.url, database: name))
    do {
        let value = try await body(database)
        pool.shutdown()
        try await admin.dropDatabase(name)
        return value
    } catch {
        pool.shutdown()
        try? await admin.dropDatabase(name)
        throw error
    }
}

/// The server named by `CLICKSTREAM_TEST_DATABASE_URL` and the template every test database copies.
final class TestDatabaseServer: Sendable {
    static let logger = Logger(label: "clickstream.tests")
    private static let instance = Result { try TestDatabaseServer() }

    let url: String
    let pool: PostgresPool
    let template: String

    static func shared() throws -> TestDatabaseServer { try instance.get() }

    private init() throws {
        guard let url = ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestSupportError.missingDatabase
        }
        self.url = url
        var configuration = PostgresPool.Configuration(url: url)
        configuration.maxConnections = 2
        configuration.acquireTimeout = .seconds(60)
        self.pool = PostgresPool(configuration: configuration, logger: Self.logger)
        // The template's name carries a hash of the migrations, so a changed schema gets a new template.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (WarehouseMigrations.all.map(\.sql).joined() + StarSchema.dropSQL + StarSchema.views.create).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        self.template = "clickstream_template_" + String(hash, radix: 16)
    }

    func createDatabase() async throws -> String {
        try await ensureTemplate()
        let name = "clickstream_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let template = self.template
        // Identifiers cannot be parameters; both names are made here from hex digits only.
        try await pool.withConnection { connection in
            try connection.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        }
        return name
    }

    func dropDatabase(_ name: String) async throws {
        try await pool.withConnection { connection in
            try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    private func ensureTemplate() async throws {
        let template = self.template
        let exists = try await pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])
        guard exists.isEmpty else { return }
        // Several test processes may race here: an advisory lock lets one build the template.
        try await pool.withConnection { connection in
            try connection.query("SELECT pg_advisory_lock(7243)")
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(7243)") }
            if try connection.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]).isEmpty {
                try connection.execute("DROP DATABASE IF EXISTS \(template)_building WITH (FORCE)")
                try connection.execute("CREATE DATABASE \(template)_building")
                do {
                    // The connection to the new database closes when this scope ends, before the rename.
                    let target = try PostgresConnection.connect(url: self.url, settings: [("dbname", "\(template)_building")])
                    try WarehouseMigrations.migrator().apply(on: target, logger: Self.logger)
                } catch {
                    try? connection.execute("DROP DATABASE IF EXISTS \(template)_building WITH (FORCE)")
                    throw error
                }
                try connection.execute("ALTER DATABASE \(template)_building RENAME TO \(template)")
            }
        }
    }

    /// The admin URL pointed at another database.
    static func url(_ adminURL: String, database: String) -> String {
        if adminURL.hasPrefix("postgres://") || adminURL.hasPrefix("postgresql://"),
           var components = URLComponents(string: adminURL) {
            components.path = "/" + database
            return components.string ?? adminURL
        }
        return adminURL + " dbname=" + database
    }
}

/// Why a test could not get its database.
public enum TestSupportError: Error, CustomStringConvertible {
    case missingDatabase

    public var description: String {
        "CLICKSTREAM_TEST_DATABASE_URL is not set: run the suite with `make test`, which starts a PostgreSQL for it"
    }
}
