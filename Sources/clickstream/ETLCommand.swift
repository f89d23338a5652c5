import ArgumentParser
import Pipeline

/// `clickstream etl`: one ETL pass now, then a summary.
struct ETLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Load new raw files from the lake into the warehouse once, and print a summary.")

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var lake: LakeOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(name: .customLong("dry-run"), help: "List what would load, without loading.")
    var dryRun = false

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.etl")
        let store = try lake.makeStore(logger: logger)
        let summary = try await warehouse.withMigratedWarehouse(logger: logger) { pool in
            var configuration = ETL.Configuration()
            configuration.prefix = lake.prefix
            configuration.dryRun = dryRun
            return try await ETL(store: store, pool: pool, configuration: configuration, logger: logger).run(trigger: "cli")
        }
        print(summary)
    }
}
