import Analytics
import ArgumentParser
import Foundation
import Pipeline

/// `clickstream etl`: one ETL pass now, then a summary with counts by reject reason.
struct ETLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Load new raw files from the lake into the warehouse once, and print a summary.",
        discussion: """
            Exactly once: each batch of objects commits its events, rollups, ledger rows and rejects in one \
            transaction, so a run killed at any point can simply be run again.
            """)

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var lake: LakeOptions
    @OptionGroup var enrichment: EnrichmentOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(name: .customLong("dry-run"), help: "List what would load (key, events, rejects), without loading.")
    var dryRun = false

    @Option(name: .customLong("from"), help: "Backfill: only partitions from this UTC day (YYYY-MM-DD, from the key).")
    var from: String?

    @Option(name: .customLong("to"), help: "Backfill: only partitions up to and including this UTC day (YYYY-MM-DD).")
    var to: String?

    @Option(name: .customLong("prefix"), help: "Only keys under this prefix, which lies under --raw-prefix (e.g. events/2025/12/).")
    var prefix: String?

    @Option(name: .customLong("batch-objects"), help: "Objects per load transaction. Default 2000.")
    var batchObjects: Int?

    @Option(name: .customLong("batch-events"), help: "Events per load transaction. Default 50000.")
    var batchEvents: Int?

    @Option(name: .customLong("read-concurrency"), help: "Read tasks at once, each one object (or a run of up to 64 small local files). Default 16, or 64 from S3 (latency-bound).")
    var readConcurrency: Int?

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.etl")
        var configuration = try makeConfiguration()
        let store = try lake.makeStore(logger: logger)
        let enrichment = try self.enrichment.resolve(logger: logger)
        configuration.enrichment = enrichment.settings
        if readConcurrency == nil, store.location.hasPrefix("s3://") { configuration.readConcurrency = 64 }
        let etlConfiguration = configuration
        let summary = try await warehouse.withMigratedWarehouse(logger: logger, migrating: !dryRun, locate: enrichment.locate) { pool in
            try await ETL(store: store, pool: pool, configuration: etlConfiguration, logger: logger).run(trigger: "cli")
        }
        print(summary)
    }

    func makeConfiguration() throws -> ETL.Configuration {
        var configuration = ETL.Configuration()
        if let prefix, !prefix.hasPrefix(lake.prefix), !lake.prefix.hasPrefix(prefix) {
            throw ValidationError("--prefix \(prefix) is outside the lake's prefix \(lake.prefix) (--raw-prefix, RAW_PREFIX), so it "
                + "would select nothing: give one under it, e.g. \(lake.prefix)\(prefix)")
        }
        // A prefix above the lake's (`events` for `events/`) narrows nothing: the lake's own prefix stands.
        configuration.prefix = prefix.map { $0.hasPrefix(lake.prefix) ? $0 : lake.prefix } ?? lake.prefix
        configuration.dryRun = dryRun
        let (first, last) = try Self.days(from: from, to: to)
        configuration.selection = .days(from: first, through: last)
        if let batchObjects { configuration.batchObjects = try Self.positive(batchObjects, option: "--batch-objects") }
        if let batchEvents { configuration.batchEvents = try Self.positive(batchEvents, option: "--batch-events") }
        if let readConcurrency { configuration.readConcurrency = try Self.positive(readConcurrency, option: "--read-concurrency") }
        if dryRun {
            configuration.report = { object in
                let state = object.isUnreadable ? "  (unreadable: would retry)" : ""
                print("would load \(object.key)  \(object.events) events, \(object.rejects) rejects\(state)")
            }
        }
        return configuration
    }

    /// `--from` and `--to` as UTC days; refused when `--from` is after `--to`.
    static func days(from: String?, to: String?) throws -> (first: Date?, last: Date?) {
        let (first, last) = (try day(from, option: "--from"), try day(to, option: "--to"))
        if let first, let last, first > last {
            throw ValidationError("--from \(from ?? "") is after --to \(to ?? ""): the range would select nothing")
        }
        return (first, last)
    }

    /// A UTC calendar day, YYYY-MM-DD: the dashboard's date parser (days that do not exist are refused).
    static func day(_ text: String?, option: String) throws -> Date? {
        guard let text else { return nil }
        guard let day = LocalDate(text)?.start(in: .gmt) else {
            throw ValidationError("\(option) must be a date like 2025-12-01, got \(text)")
        }
        return day
    }

    static func positive(_ value: Int, option: String) throws -> Int {
        guard value > 0 else { throw ValidationError("\(option) must be positive") }
        return value
    }
}
