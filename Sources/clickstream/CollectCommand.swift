import ArgumentParser
import Collector
import Foundation
import HTTP
import Lake
import Logging

/// `clickstream collect`: the public ingest endpoint, `POST /clickstream`, writing to the lake.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Receive events on POST /clickstream (the shop's tracker) and store them durably in the lake.",
        discussion: "A 200 answer means the event is stored: fsynced in the local lake, or PUT to S3.")

    @OptionGroup var lake: LakeOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Address to listen on. Env: COLLECT_BIND. Default: 0.0.0.0 (public, unlike the dashboard).") var bind: String?
    @Option(help: "Port. Env: COLLECT_PORT. Default: 8080.") var port: Int?
    @Option(name: .customLong("allowed-origins"), help: "CORS origins, comma-separated, or *. Env: COLLECT_ALLOWED_ORIGINS. Default: *")
    var allowedOrigins: String?
    @Option(name: .customLong("trusted-proxies"), help: "Proxy addresses whose X-Forwarded-For is believed, comma-separated. Env: COLLECT_TRUSTED_PROXIES.")
    var trustedProxies: String?
    @Option(name: .customLong("rate-limit"), help: "Requests per second per client address (off when unset). Env: COLLECT_RATE_LIMIT.")
    var rateLimit: Double?
    @Option(name: .customLong("batch-delay"), help: "Longest wait before a batch is stored, e.g. 200ms. Env: COLLECT_BATCH_DELAY. Default: 200ms.")
    var batchDelay: String?
    @Option(name: .customLong("allowed-hosts"),
            help: "Answer only requests naming these hosts (and localhost, loopback, the bind address), comma-separated, any port. Env: COLLECT_ALLOWED_HOSTS. Default: any host (the collector is public).")
    var allowedHosts: String?
    @Option(name: .customLong("max-connections-per-address"),
            help: "Open connections one client address may hold (trusted proxies excepted). Env: COLLECT_MAX_CONNECTIONS_PER_ADDRESS. Default: 256.")
    var maxConnectionsPerAddress: Int?
    @Flag(name: .customLong("per-event-objects"), help: "Write one object per event (the original layout) instead of NDJSON.gz batches.")
    var perEventObjects = false

    func run() async throws {
        let environment = Environment.current
        let logger = logging.makeLogger(label: "clickstream.collect")
        let store = try lake.makeStore(logger: logger, writing: true)
        try await Self.checkBucket(store, prefix: lake.prefix, logger: logger)
        var configuration = CollectorApp.Configuration()
        configuration.prefix = lake.prefix
        configuration.perEventObjects = perEventObjects
        if let origins = allowedOrigins ?? environment["COLLECT_ALLOWED_ORIGINS"] {
            configuration.allowedOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let proxies = trustedProxies ?? environment["COLLECT_TRUSTED_PROXIES"] {
            configuration.trustedProxies = Set(proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if let text = rateLimit.map({ String($0) }) ?? environment["COLLECT_RATE_LIMIT"] {
            guard let rate = Double(text), rate > 0 else { throw ConfigurationError("COLLECT_RATE_LIMIT/--rate-limit must be a positive number, got \(text)") }
            configuration.rateLimitPerSecond = rate
        }
        if let text = batchDelay ?? environment["COLLECT_BATCH_DELAY"] {
            guard let delay = DurationParser.parse(text) else { throw ConfigurationError("COLLECT_BATCH_DELAY/--batch-delay must look like 200ms or 1s, got \(text)") }
            configuration.maxBatchDelay = delay
        }
        if let cap = try ServerHardening.connectionsPerAddress(
            maxConnectionsPerAddress.map(String.init) ?? environment["COLLECT_MAX_CONNECTIONS_PER_ADDRESS"],
            setting: "COLLECT_MAX_CONNECTIONS_PER_ADDRESS/--max-connections-per-address") {
            configuration.maxConnectionsPerAddress = cap
        }
        var router = HTTPRouter()
        let app = CollectorApp(store: store, configuration: configuration, logger: logger)
        app.register(on: &router)
        router.get("/healthz") { _ in .text("ok\n") }

        var serverConfiguration = HTTPServer.Configuration()
        app.configure(&serverConfiguration)
        serverConfiguration.host = bind ?? environment["COLLECT_BIND"] ?? "0.0.0.0"
        let portText = port.map(String.init) ?? environment["COLLECT_PORT"] ?? "8080"
        guard let portNumber = Int(portText), (0...65_535).contains(portNumber) else {
            throw ConfigurationError("COLLECT_PORT/--port must be a number from 0 to 65535, got \(portText)")
        }
        serverConfiguration.port = portNumber
        // The collector is public by design: it checks Host only when told which names are its own.
        if let hosts = allowedHosts ?? environment["COLLECT_ALLOWED_HOSTS"] {
            serverConfiguration.allowedHosts = try ServerHardening.allowedHosts(
                hosts, bind: serverConfiguration.host, setting: "COLLECT_ALLOWED_HOSTS/--allowed-hosts")
        }
        ServerHardening.raiseOpenFileLimit(for: serverConfiguration, logger: logger)
        let server = try HTTPServer.bind(configuration: serverConfiguration, router: router, logger: logger)
        logger.info("collecting events", metadata: [
            "http.address": "\(serverConfiguration.host):\(server.localPort)", "lake": "\(store.location)",
            "collect.batching": "\(perEventObjects ? "one object per event" : "ndjson.gz batches")"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                let signal = await TerminationSignal.wait()
                logger.info("stopping: finishing in-flight requests", metadata: ["signal": "\(signal)"])
            }
            _ = try await group.next()
            group.cancelAll()
            while let _ = try await group.next() {}
        }
    }

    /// One listing request before accepting events: a missing bucket or missing credentials stop the collector
    /// at once with the reason, where every POST would otherwise answer 503. Anything else (S3 unreachable for
    /// now) is only a warning: requests answer 503 until it is back.
    private static func checkBucket(_ store: any RawStore, prefix: String, logger: Logger) async throws {
        guard store.location.hasPrefix("s3://") else { return }  // a local lake's folders are made as it writes
        do {
            _ = try await store.list(prefix: prefix, after: nil)
        } catch let error as LakeError where error.isConfigurationProblem {
            throw error
        } catch {
            logger.warning("could not list the bucket at start (expected if the role may only write; otherwise requests get 503 until S3 answers)",
                           metadata: ["error": "\(error)"])
        }
    }
}
