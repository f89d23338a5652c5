import Logging

/// One schema change: applied once, in order, inside its own transaction.
public struct PostgresMigration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String
    /// Work in Swift before `sql`, in the same transaction (a data migration that needs the application's
    /// code, e.g. resolving addresses before they are scrubbed). Default none.
    public let prepare: (@Sendable (PostgresConnection) throws -> Void)?

    public init(version: Int, name: String, sql: String, prepare: (@Sendable (PostgresConnection) throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.prepare = prepare
    }
}

/// Applies ordered, versioned migrations and records them in `schema_migrations`.
/// An advisory lock serializes concurrent migrators (two processes starting at once).
public struct PostgresMigrator: Sendable {
    // Caller: apply(); a fixed key shared by every clickstream process.
    static let lockKey: Int64 = 0x636C_6963_6B73_0001
    static let createLedger = """
        -- migrator.create_ledger
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """
    static let appliedVersions = "-- migrator.applied_versions\nSELECT version FROM schema_migrations ORDER BY version"
    static let recordVersion = "-- migrator.record_version\nINSERT INTO schema_migrations (version, name) VALUES ($1, $2)"

    /// Views over migrated tables, rebuilt around the pending migrations once any of them is `sinceVersion` or
    /// later: dropped in the first pending migration's transaction and created, from today's definition, in the
    /// last one's, so a migration may change any column they read (PostgreSQL refuses to alter a column a view
    /// uses) and the definition only has to fit the final schema. A process stopped between the two leaves the
    /// views dropped until the next `apply`, which creates them with the migrations still pending. A change to
    /// the views' definition therefore ships with a migration (its SQL may be a comment), so it is applied.
    public struct DependentViews: Sendable {
        public let sinceVersion: Int
        /// One statement that drops every view (`DROP VIEW IF EXISTS … CASCADE`).
        public let drop: String
        /// Creates them, and grants on them.
        public let create: String

        public init(sinceVersion: Int, drop: String, create: String) {
            self.sinceVersion = sinceVersion
            self.drop = drop
            self.create = create
        }
    }

    public let migrations: [PostgresMigration]
    public let dependentViews: DependentViews?

    public init(migrations: [PostgresMigration], dependentViews: DependentViews? = nil) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.dependentViews = dependentViews
    }

    /// Applies what is missing; returns the versions applied now.
    @discardableResult
    public func apply(on connection: PostgresConnection, logger: Logger) throws -> [Int] {
        try connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        try connection.execute(Self.createLedger)
        let done = Set(try connection.query(Self.appliedVersions).map { try $0.decode(Int.self, at: 0) })
        var applied: [Int] = []
        let pending = migrations.filter { !done.contains($0.version) }
        let views = dependentViews.flatMap { views in pending.contains { $0.version >= views.sinceVersion } ? views : nil }
        for (position, migration) in pending.enumerated() {
            do {
                try connection.transaction { connection in
                    if let views, position == 0 { try connection.execute(views.drop) }
                    try migration.prepare?(connection)
                    try connection.execute(migration.sql)
                    if let views, position == pending.count - 1 { try connection.execute(views.create) }
                    try connection.query(Self.recordVersion, [migration.version, migration.name])
                }
            } catch let error as PostgresError {
                throw error.during("migration \(migration.version) \(migration.name)")
            }
            logger.info("applied migration", metadata: ["db.migration": "\(migration.version) \(migration.name)"])
            applied.append(migration.version)
        }
        return applied
    }

    /// The highest recorded version, or 0 on a fresh database.
    public func currentVersion(on connection: PostgresConnection) throws -> Int {
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard try exists.first?.decode(Bool.self, at: 0) == true else { return 0 }
        return try connection.query("SELECT coalesce(max(version), 0) FROM schema_migrations").first?.decode(Int.self, at: 0) ?? 0
    }
}
