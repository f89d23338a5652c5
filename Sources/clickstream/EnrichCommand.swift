import ArgumentParser
import Foundation
import Pipeline

/// `clickstream enrich`: derives the page, source and device columns of rows loaded before the loader did.
struct EnrichCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "Fill the derived columns of rows loaded before enrichment (or with --no-enrich), in batches.",
        discussion: """
            Reads each row's stored page URL, referrer and user agent, and writes page_path, page_host, \
            referrer_host, channel, the utm_* columns, browser, os, their versions and device_type. One \
            transaction per batch, each bumping the data version, so it can run while the dashboard serves; \
            stopped or killed at any point, run it again and it continues with what is left.
            """)

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var enrichment: EnrichmentOptions
    @OptionGroup var logging: LoggingOptions

    @Option(name: .customLong("from"), help: "Only rows from this UTC day (YYYY-MM-DD), by event time.")
    var from: String?

    @Option(name: .customLong("to"), help: "Only rows up to and including this UTC day (YYYY-MM-DD).")
    var to: String?

    @Option(name: .customLong("batch-rows"), help: "Rows per transaction. Default 5000.")
    var batchRows: Int?

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.enrich")
        var configuration = EnrichmentBackfill.Configuration()
        let (first, last) = try ETLCommand.days(from: from, to: to)
        configuration.from = first
        configuration.until = last.map { $0.addingTimeInterval(86_400) }
        if let batchRows { configuration.batchRows = try ETLCommand.positive(batchRows, option: "--batch-rows") }
        let resolved = try enrichment.resolve(logger: logger)
        let backfillConfiguration = configuration
        let summary = try await warehouse.withMigratedWarehouse(logger: logger, locate: resolved.locate) { pool in
            try await EnrichmentBackfill(pool: pool, enricher: resolved.enricher, configuration: backfillConfiguration,
                                         logger: logger).run()
        }
        print(summary)
    }
}
