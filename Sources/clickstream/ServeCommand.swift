import AccessControl
import ArgumentParser
import Analytics
import Dashboard
import Enrichment
import Export
import Foundation
import HTTP
import Logging
import Pipeline
import Postgres
import Warehouse

/// `clickstream serve`: the dashboard and its API, with the ETL as a background task.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve /sbw_dashboard and its JSON API, running the ETL every ETL_INTERVAL (first run at start-up).")

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var lake: LakeOptions
    @OptionGroup var enrichment: EnrichmentOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Address to listen on. Env: BIND. Default: 127.0.0.1 (the dashboard is private).") var bind: String?
    @Option(help: "Port. Env: PORT. Default: 3838.") var port: Int?
    @Option(name: .customLong("etl-interval"), help: "Time between ETL runs, e.g. 1h, 15m, 90s. Env: ETL_INTERVAL. Default: 1h.")
    var etlInterval: String?
    @Flag(name: .customLong("no-etl"), help: "Serve only; do not run the ETL in the background.") var noETL = false
    @Flag(name: .customLong("export"), help: "After each successful ETL run, export closed days as Parquet (clickstream export). Env: EXPORT=on.")
    var exportAfterETL = false
    @OptionGroup var export: ExportOptions
    @Flag(name: .customLong("no-index"),
          help: "Answer every metric with SQL on the raw table instead of the in-memory index (benchmark baseline).")
    var noIndex = false
    @Flag(name: .customLong("no-response-cache"),
          help: "Compute every API answer and page afresh instead of reusing one for the same data version (benchmarks).")
    var noResponseCache = false
    @Option(help: "Default time zone of the dashboard (IANA name). Env: TIMEZONE. Default: UTC.") var timezone: String?
    @Option(name: .customLong("query-deadline"),
            help: "Longest a page or metric may take before it answers 503, e.g. 15s, 2m. Env: QUERY_DEADLINE. Default: 15s.")
    var queryDeadline: String?
    @Option(name: .customLong("max-range-days"),
            help: "Longest from…to range the dashboard and API accept, in days. Env: MAX_RANGE_DAYS. Default: 366.")
    var maxRangeDays: Int?
    @Option(name: .customLong("allowed-hosts"),
            help: "Host names or addresses the server answers for besides localhost, loopback and the bind address, comma-separated (any port; * for any). Env: ALLOWED_HOSTS.")
    var allowedHosts: String?
    @Option(name: .customLong("max-connections-per-address"),
            help: "Open connections one client address may hold. Env: MAX_CONNECTIONS_PER_ADDRESS. Default: 1024.")
    var maxConnectionsPerAddress: Int?
    @Option(name: .customLong("access-tokens-file"),
            help: "Require an access token (made by `clickstream token add`) for the page, the API and /metrics. Env: ACCESS_TOKENS_FILE. Default: off.")
    var accessTokensFile: String?
    @Option(help: "Templates folder. Env: CLICKSTREAM_TEMPLATES. Default: ./Templates") var templates: String?
    @Option(name: .customLong("public"), help: "Static assets folder. Env: CLICKSTREAM_PUBLIC. Default: ./Public")
    var publicFolder: String?

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.serve")
        // From the first moment, not only once the port is bound: a signal while the embedded PostgreSQL starts
        // or the warehouse migrates must still stop that server on the way out.
        do {
            try await TerminationSignal.cancelling(logger: logger) { [self] in try await serve(logger: logger) }
        } catch is ExitCode where TerminationSignal.wasReceived {
            return  // stopped by a signal, in whatever phase: an orderly stop is serve's normal end (exit 0)
        }
    }

    /// Opens the warehouse, then serves until cancelled (a signal), draining requests and letting an ETL batch finish.
    private func serve(logger: Logger) async throws {
        let environment = Environment.current
        let settings = try ServeSettings(command: self, environment: environment)
        let store = try lake.makeStore(logger: logger, isUsed: !noETL)
        let enrichment = try self.enrichment.resolve(logger: logger)
        var serverConfiguration = HTTPServer.Configuration()
        serverConfiguration.host = settings.bind
        serverConfiguration.port = settings.port
        serverConfiguration.allowedHosts = settings.allowedHosts
        if let cap = settings.maxConnectionsPerAddress { serverConfiguration.maxConnectionsPerAddress = cap }
        // A malformed tokens file stops start-up here, before the port and the database, with its line number.
        let access = try settings.accessTokensFile.map { path in
            do {
                return try AccessGate(path: path, logger: logger)
            } catch {
                throw ConfigurationError("ACCESS_TOKENS_FILE/--access-tokens-file: \(error)")
            }
        }
        ServerHardening.raiseOpenFileLimit(for: serverConfiguration, logger: logger)
        // The dashboard answers 503 at its own deadline; the server's cut-off stays behind it.
        serverConfiguration.requestTimeout = max(serverConfiguration.requestTimeout, settings.queryDeadline + .seconds(5))
        // The port first: a clash fails now, not after starting a database and migrating it.
        let binding: HTTPServer.Binding
        do {
            binding = try HTTPServer.reserve(configuration: serverConfiguration)
        } catch {
            throw ConfigurationError("cannot listen on \(settings.bind):\(settings.port) (\(error)): stop what uses it, or choose another port with PORT or --port")
        }
        let (pool, embedded) = try await warehouse.open(logger: logger, maxConnections: 8)
        defer {
            pool.shutdown()
            embedded?.stop()
        }
        await migrateIfReachable(pool: pool, logger: logger, locate: enrichment.locate)
        try Task.checkCancellation()  // stopped while starting: do not begin serving

        var dashboardConfiguration = DashboardApp.Configuration(
            templatesDirectory: settings.templates, publicDirectory: settings.publicFolder)
        dashboardConfiguration.defaultTimeZone = settings.timeZone
        dashboardConfiguration.requestDeadline = settings.queryDeadline
        dashboardConfiguration.maxRangeDays = settings.maxRangeDays
        dashboardConfiguration.geographyDatabase = enrichment.geography
        dashboardConfiguration.access = access
        if noResponseCache { dashboardConfiguration.responseCacheEntries = 0 }
        // The index builds in the background; until it is ready (and for ranges off the 15-minute grid)
        // the same metrics come from SQL on the raw table, so the page works from the first second.
        let index = noIndex ? nil : MetricsIndex(pool: pool, logger: logger)
        index?.warmUp()
        let schedulerState = ETLSchedulerState(interval: settings.etlInterval)
        let runETL = !noETL
        let isIndexReady: (@Sendable () -> Bool)? = if let index { { index.isReady } } else { nil }
        let schedule: @Sendable () async -> PipelineSchedule? = { runETL ? PipelineSchedule(schedulerState.snapshot()) : nil }
        let dashboard = try DashboardApp(
            configuration: dashboardConfiguration, analytics: Analytics(pool: pool, logger: logger, index: index),
            logger: logger, pool: pool,
            schedule: schedule, isIndexReady: isIndexReady)
        var router = HTTPRouter()
        dashboard.register(on: &router)
        dashboard.configure(&serverConfiguration)

        let server = try HTTPServer(binding: binding, router: router, configuration: serverConfiguration, logger: logger)
        logger.info("serving the dashboard", metadata: [
            "http.url": "http://\(settings.bind.contains(":") ? "[\(settings.bind)]" : settings.bind):\(server.localPort)/sbw_dashboard",
            "etl.interval": "\(noETL ? "off" : "\(settings.etlInterval)")",
            "export": "\(settings.isExportOn ? "on" : "off")",
            "lake": "\(store.location)",
            "access.tokens": "\(access.map { "\($0.tokenCount) from \($0.path)" } ?? "off")",
        ])

        var etlConfiguration = ETL.Configuration()
        etlConfiguration.prefix = lake.prefix
        etlConfiguration.enrichment = enrichment.settings
        let etl = ETL(store: store, pool: pool, configuration: etlConfiguration, logger: logger)
        let exportStep = try settings.isExportOn
            ? LakeExport(store: store, pool: pool, configuration: export.makeConfiguration(rawPrefix: lake.prefix), logger: logger) : nil
        let scheduler = ETLScheduler(etl: etl, pool: pool, interval: settings.etlInterval, logger: logger, state: schedulerState,
                                     export: exportStep, locate: enrichment.locate)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            if runETL { group.addTask { await scheduler.run() } }
            if let access { group.addTask { await access.watch() } }
            // Both run until cancelled (a signal, through `run`); the first to end stops the other.
            _ = try await group.next()
            group.cancelAll()
            while let _ = try await group.next() {}
        }
        logger.info("stopped")
    }

    private func migrateIfReachable(pool: PostgresPool, logger: Logger,
                                    locate: (@Sendable (String) -> DerivedFields.Location?)?) async {
        do {
            try await WarehouseMigrations.apply(pool: pool, logger: logger, locatingAddressesWith: locate)
        } catch is CancellationError {
            return
        } catch {
            // Serve anyway: pages answer 503 until the warehouse is back; the scheduler migrates then.
            logger.error("cannot migrate the warehouse now; will retry before each ETL run", metadata: ["error": "\(error)"])
        }
    }
}

/// Serve settings resolved from flags, then environment, then defaults.
struct ServeSettings {
    let bind: String
    let port: Int
    let etlInterval: Duration
    let timeZone: TimeZone
    let queryDeadline: Duration
    let maxRangeDays: Int
    let templates: URL
    let publicFolder: URL
    let allowedHosts: HostAllowList
    let maxConnectionsPerAddress: Int?
    let accessTokensFile: String?
    /// `--export` or `EXPORT=on`, and an ETL to follow.
    let isExportOn: Bool

    init(command: ServeCommand, environment: Environment) throws {
        bind = command.bind ?? environment["BIND"] ?? "127.0.0.1"
        allowedHosts = try ServerHardening.allowedHosts(command.allowedHosts ?? environment["ALLOWED_HOSTS"], bind: bind,
                                                        setting: "ALLOWED_HOSTS/--allowed-hosts")
        maxConnectionsPerAddress = try ServerHardening.connectionsPerAddress(
            command.maxConnectionsPerAddress.map(String.init) ?? environment["MAX_CONNECTIONS_PER_ADDRESS"],
            setting: "MAX_CONNECTIONS_PER_ADDRESS/--max-connections-per-address")
        accessTokensFile = command.accessTokensFile ?? environment["ACCESS_TOKENS_FILE"]
        let portText = command.port.map(String.init) ?? environment["PORT"] ?? "3838"
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw ConfigurationError("PORT/--port must be a number from 0 to 65535, got \(portText)")
        }
        self.port = port
        let intervalText = command.etlInterval ?? environment["ETL_INTERVAL"] ?? "1h"
        guard let interval = DurationParser.parse(intervalText) else {
            throw ConfigurationError("ETL_INTERVAL/--etl-interval must look like 1h, 15m or 90s, got \(intervalText)")
        }
        etlInterval = interval
        let zoneName = command.timezone ?? environment["TIMEZONE"] ?? "UTC"
        guard let zone = Filters.ianaTimeZone(zoneName) else {
            throw ConfigurationError("TIMEZONE/--timezone must be an IANA zone like Asia/Ho_Chi_Minh, got \(zoneName)")
        }
        timeZone = zone
        let deadlineText = command.queryDeadline ?? environment["QUERY_DEADLINE"] ?? "15s"
        guard let deadline = DurationParser.parse(deadlineText), deadline > .zero else {
            throw ConfigurationError("QUERY_DEADLINE/--query-deadline must look like 15s or 2m, got \(deadlineText)")
        }
        queryDeadline = deadline
        let rangeText = command.maxRangeDays.map(String.init) ?? environment["MAX_RANGE_DAYS"] ?? "366"
        guard let maxRange = Int(rangeText), maxRange >= 1 else {
            throw ConfigurationError("MAX_RANGE_DAYS/--max-range-days must be a whole number of days, 1 or more, got \(rangeText)")
        }
        maxRangeDays = maxRange
        templates = try AssetFolder.locate(command.templates ?? environment["CLICKSTREAM_TEMPLATES"], default: "Templates")
        publicFolder = try AssetFolder.locate(command.publicFolder ?? environment["CLICKSTREAM_PUBLIC"], default: "Public")
        let exportText = environment["EXPORT"]?.lowercased() ?? "off"
        guard ["on", "off", "true", "false", "1", "0"].contains(exportText) else {
            throw ConfigurationError("EXPORT must be on or off, got \(exportText)")
        }
        isExportOn = !command.noETL && (command.exportAfterETL || ["on", "true", "1"].contains(exportText))
    }
}

extension PipelineSchedule {
    /// The scheduler's state as the pipeline section shows it.
    init(_ status: ETLSchedulerStatus) {
        func iso(_ date: Date?) -> String? { date.map { ISOTimestamp.string($0) } }
        let (seconds, attoseconds) = status.interval.components
        self.init(intervalSeconds: Double(seconds) + Double(attoseconds) / 1e18, isRunning: status.isRunning,
                  runningSince: iso(status.runningSince), nextRunAt: iso(status.nextRunAt),
                  lastSucceededAt: iso(status.lastSucceededAt), lastError: status.lastError,
                  consecutiveFailures: status.consecutiveFailures)
    }
}
