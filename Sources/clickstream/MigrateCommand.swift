import ArgumentParser
import Warehouse

/// `clickstream migrate`: applies missing warehouse migrations and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the warehouse migrations and exit (serve and etl also migrate on start).")

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var enrichment: EnrichmentOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.migrate")
        // The geography database places the addresses the privacy migration removes from rows loaded before it.
        let locate = try enrichment.resolve(logger: logger).locate
        let version = try await warehouse.withMigratedWarehouse(logger: logger, maxConnections: 1, locate: locate) { pool in
            try await WarehouseMigrations.databaseVersion(pool: pool)
        }
        print("warehouse schema at version \(version)")
    }
}
