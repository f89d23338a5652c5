import Logging
import Postgres
import Warehouse

extension WarehouseOptions {
    /// Opens and migrates the warehouse, runs `body`, then closes the pool and stops an embedded server,
    /// also when `body` throws.
    func withMigratedWarehouse<T>(logger: Logger, maxConnections: Int = 4,
                                  _ body: (PostgresPool) async throws -> T) async throws -> T {
        let (pool, embedded) = try await open(logger: logger, maxConnections: maxConnections)
        do {
            let applied = try await WarehouseMigrations.apply(pool: pool, logger: logger)
            if !applied.isEmpty { logger.info("warehouse migrated", metadata: ["db.versions": "\(applied)"]) }
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
