import Enrichment
import Logging
import Postgres
import Warehouse

extension WarehouseOptions {
    /// Opens and migrates the warehouse, runs `body`, then closes the pool and stops an embedded server,
    /// also when `body` throws or a SIGINT/SIGTERM stops it (the command then exits 130/143).
    /// `migrating: false` (a dry run, which writes nothing) requires the schema to be current instead.
    /// `locate` places the client addresses the privacy migration removes (see `WarehouseMigrations.migrations`).
    func withMigratedWarehouse<T: Sendable>(logger: Logger, maxConnections: Int = 4, migrating: Bool = true,
                                            locate: (@Sendable (String) -> DerivedFields.Location?)? = nil,
                                            _ body: @escaping @Sendable (PostgresPool) async throws -> T) async throws -> T {
        try await TerminationSignal.cancelling(logger: logger) {
            let (pool, embedded) = try await open(logger: logger, maxConnections: maxConnections)
            do {
                if migrating {
                    let applied = try await WarehouseMigrations.apply(pool: pool, logger: logger, locatingAddressesWith: locate)
                    if !applied.isEmpty { logger.info("warehouse migrated", metadata: ["db.versions": "\(applied)"]) }
                } else {
                    let version = try await WarehouseMigrations.databaseVersion(pool: pool)
                    guard version == WarehouseMigrations.currentVersion else {
                        throw WarehouseNotCurrent(version: version)
                    }
                }
                let value = try await body(pool)
                pool.shutdown()
                embedded?.stop()
                return value
            } catch {
                pool.shutdown()
                embedded?.stop()
                throw error
            }
        }
    }
}

/// A dry run found the warehouse on another schema version; it does not migrate (it writes nothing).
struct WarehouseNotCurrent: Error, CustomStringConvertible {
    let version: Int

    var description: String {
        let found = version == 0 ? "has no clickstream schema yet (empty, or the original ETL's table)" : "is at schema version \(version)"
        return "the warehouse \(found), and this version needs \(WarehouseMigrations.currentVersion). A dry run writes nothing, "
            + "so it does not migrate: run `clickstream migrate` first (it upgrades in place, keeping every row), then the dry run."
    }
}
