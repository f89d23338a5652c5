import Analytics
import ArgumentParser
import CivilCalendar
import Export
import Foundation
import Lake

/// `clickstream export`: closed UTC days of the warehouse as Parquet in the lake's store; `--ddl` prints the
/// engines' table definitions for that layout instead.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write each closed UTC day of clickstream_events as Parquet under EXPORT_PREFIX in the lake's store.",
        discussion: """
            Exactly once: a day is written when closed (ended EXPORT_DELAY ago, no load for as long), and again, whole, \
            when a later load touches it. A day is one file replaced in one atomic step; export_days records what was \
            written at which data version. --ddl athena|glue|duckdb|spark prints the table definition and exits.
            """)

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var lake: LakeOptions
    @OptionGroup var export: ExportOptions
    @OptionGroup var logging: LoggingOptions

    @Option(name: .customLong("from"), help: "Only UTC days from this one (YYYY-MM-DD).")
    var from: String?

    @Option(name: .customLong("to"), help: "Only UTC days up to and including this one (YYYY-MM-DD).")
    var to: String?

    @Flag(name: .customLong("force"), help: "Re-export the days in range even when unchanged.")
    var force = false

    @Option(name: .customLong("ddl"), help: "Print the table definition for athena, glue, duckdb or spark, and exit.")
    var ddl: String?

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.export")
        var configuration = try export.makeConfiguration(rawPrefix: lake.prefix)
        let store = try lake.makeStore(logger: logger, writing: true, isUsed: ddl == nil)
        if let ddl {
            guard let engine = CatalogDDL.Engine(rawValue: ddl.lowercased()) else {
                throw ValidationError("--ddl takes \(CatalogDDL.Engine.allCases.map(\.rawValue).joined(separator: ", ")), got \(ddl)")
            }
            print(CatalogDDL.text(for: engine, location: Self.tableLocation(store: store, layout: ExportLayout(prefix: configuration.prefix))),
                  terminator: "")
            return
        }
        configuration.firstDay = try Self.day(from, option: "--from")
        configuration.lastDay = try Self.day(to, option: "--to")
        if let first = configuration.firstDay, let last = configuration.lastDay, first > last {
            throw ValidationError("--from \(from ?? "") is after --to \(to ?? ""): the range would select nothing")
        }
        configuration.force = force
        let exportConfiguration = configuration
        let summary = try await warehouse.withMigratedWarehouse(logger: logger) { pool in
            try await LakeExport(store: store, pool: pool, configuration: exportConfiguration, logger: logger).run()
        }
        print(summary)
    }

    /// The table folder as engines name it: `s3://bucket/exports/clickstream_events/` or an absolute path.
    static func tableLocation(store: any RawStore, layout: ExportLayout) -> String {
        if let local = store as? LocalLake { return local.root.path + "/" + layout.tablePrefix }
        return store.location + "/" + layout.tablePrefix
    }

    /// Days since 1970-01-01 of a YYYY-MM-DD (the dashboard's date parser).
    static func day(_ text: String?, option: String) throws -> Int? {
        guard let text else { return nil }
        guard let date = LocalDate(text) else { throw ValidationError("\(option) must be a date like 2025-12-01, got \(text)") }
        return CivilCalendar.days(year: date.year, month: date.month, day: date.day)
    }
}
