import Logging
import Postgres
import Warehouse

extension WarehouseOptions {
    /// Opens and migrates the warehouse, runs `body`, then closes the pool and stops an embedded server,
    /// also when `body` throws or a SIGINT/SIGTERM stops it (the command then exits 130/143).
    func withMigratedWarehouse<T: Sendable>(logger: Logger, maxConnections: Int = 4,
                                            _ body: @escaping @Sendable (PostgresPool) async throws -> T) async throws -> T {
        try await TerminationSignal.cancelling(logger: logger) {
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
}
