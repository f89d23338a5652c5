import ArgumentParser
import Foundation
import Logging
import Postgres

/// Where the warehouse is: a configured PostgreSQL, or the embedded one.
struct WarehouseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"),
            help: "PostgreSQL URL or conninfo. Env: DATABASE_URL, or DW_PG_HOST/DW_PG_PORT/DW_PG_USER/DW_PG_PASSWORD/DW_PG_DATABASE/DW_PG_SSL; libpq's PG* and .pgpass apply too.")
    var databaseURL: String?

    @Option(name: .customLong("pg-dir"),
            help: "Folder of the embedded PostgreSQL, used when no database is configured. Env: CLICKSTREAM_PG_DIR. Default: ./.clickstream/pg")
    var pgDirectory: String?

    /// The pool settings for a configured server, or `nil` when none is configured (use the embedded one).
    func configuredServer(_ environment: Environment = .current) throws -> PostgresPool.Configuration? {
        if let url = databaseURL ?? environment["DATABASE_URL"] {
            return PostgresPool.Configuration(url: url)
        }
        guard let host = environment["DW_PG_HOST"] else { return nil }
        // The original system's variables map to libpq keywords one by one, never into a string.
        var configuration = PostgresPool.Configuration(url: "")
        configuration.overrides["host"] = host
        if let port = environment["DW_PG_PORT"] { configuration.overrides["port"] = port }
        if let user = environment["DW_PG_USER"] { configuration.overrides["user"] = user }
        if let password = environment["DW_PG_PASSWORD"] { configuration.overrides["password"] = password }
        configuration.overrides["dbname"] = environment["DW_PG_DATABASE"] ?? "clickstream_dw"
        if let ssl = environment["DW_PG_SSL"]?.lowercased() {
            switch ssl {
            case "true", "1", "yes", "require": configuration.overrides["sslmode"] = "require"
            case "false", "0", "no", "disable": configuration.overrides["sslmode"] = "disable"
            default: configuration.overrides["sslmode"] = ssl  // verify-full, prefer, ...
            }
        }
        return configuration
    }

    var embeddedDirectory: URL {
        let path = pgDirectory ?? Environment.current["CLICKSTREAM_PG_DIR"] ?? ".clickstream/pg"
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    /// Opens the warehouse: the configured server, or the embedded one started now (stop it when done).
    func open(logger: Logger, maxConnections: Int = 4) async throws -> (pool: PostgresPool, embedded: EmbeddedPostgres?) {
        var embedded: EmbeddedPostgres?
        var configuration: PostgresPool.Configuration
        if let configured = try configuredServer() {
            configuration = configured
        } else {
            let server = EmbeddedPostgres(directory: embeddedDirectory, logger: logger)
            try await server.start()
            embedded = server
            configuration = server.poolConfiguration
        }
        configuration.maxConnections = maxConnections
        return (PostgresPool(configuration: configuration, logger: logger), embedded)
    }
}
