import ArgumentParser
import Foundation
import Generator
import Lake

/// `clickstream generate`: writes synthetic shop traffic into the lake.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic raw events (SBW ingest dialect, one file per event or NDJSON batches) into the lake.")

    @OptionGroup var lake: LakeOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Days of traffic, ending now.") var days = 30
    @Option(help: "Total number of events.") var events = 60_000
    @Option(help: "Random seed: the same seed (and end time) gives the same files.") var seed: UInt64 = 42
    @Option(help: "Last day of traffic (YYYY-MM-DD, UTC end of day); default now.") var end: String?
    @Option(help: ArgumentHelp(
        "Write gzipped NDJSON objects of up to this many events per UTC hour instead of one file per event.",
        discussion: "The collector's batched layout; use it for millions of events (benchmarks).",
        valueName: "events"))
    var batch: Int?

    func validate() throws {
        guard days > 0, days <= 3_660 else { throw ValidationError("--days must be between 1 and 3660") }
        guard events > 0, events <= 100_000_000 else { throw ValidationError("--events must be between 1 and 100000000") }
        if let batch, batch < 1 || batch > 1_000_000 { throw ValidationError("--batch must be between 1 and 1000000") }
    }

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.generate")
        var configuration = DemoTraffic.Configuration()
        configuration.days = days
        configuration.events = events
        configuration.seed = seed
        configuration.prefix = lake.prefix
        if let end {
            guard let day = ISO8601DateFormatter().date(from: end + "T23:59:59Z") else {
                throw ValidationError("--end must be a date like 2025-12-31")
            }
            configuration.end = day
        }
        let store = try lake.makeStore(logger: logger, writing: true)
        // Demo files can be regenerated after a crash: skip the per-file fsync and sync once at the end.
        let local = (store as? LocalLake)?.relaxed()
        let traffic = DemoTraffic(configuration: configuration)
        let summary = if let batch {
            try await traffic.writeBatches(to: local ?? store, eventsPerObject: batch, logger: logger)
        } else {
            try await traffic.write(to: local ?? store, logger: logger)
        }
        local?.synchronize()
        print(summary)
    }
}
