import AccessControl
import Analytics
import Foundation
import HTTP
import Logging
import Postgres

/// The `/sbw_dashboard` web app: the server-rendered page, its JSON/CSV API with its OpenAPI
/// document, the operational endpoints (`/healthz`, `/readyz`, `/metrics`) and the static assets.
/// The CLI owns the router and the server; the app only registers its routes.
public struct DashboardApp: Sendable {
    /// Where the app's files are, how it reads requests and how much it keeps.
    public struct Configuration: Sendable {
        /// Folder of the Mustache templates (`Templates/`); must hold `dashboard.mustache` and `error.mustache`.
        public var templatesDirectory: URL
        /// Folder of the static assets (`Public/`); must hold `dashboard.css`.
        public var publicDirectory: URL
        /// Zone for day buckets and times when a request names none (`TIMEZONE`); UTC by default.
        public var defaultTimeZone: TimeZone = .gmt
        /// Longest range a request may ask for, in days. Default 366.
        public var maxRangeDays = 366
        /// The name in the page header and title.
        public var productName = "SBW clickstream"
        /// How long a page or API answer waits on the warehouse: past it the API answers 503 and a
        /// page panel shows an inline error. Keep it below the server's request timeout. Default 15 s.
        public var requestDeadline: Duration = .seconds(15)
        /// Finished bodies kept by (data version, query, encoding); 0 turns the cache off. Default 512.
        public var responseCacheEntries = 512
        /// Bytes the response cache may hold. Default 64 MiB.
        public var responseCacheBytes = 64 << 20
        /// Points in each KPI card's sparkline, one summary each; 0 leaves the sparklines out. Default 14.
        public var sparklinePoints = 14
        /// The geography database the loader uses, as the pipeline section names it; nil says geography is off.
        public var geographyDatabase: String?
        /// Access tokens every route needs but `/healthz`, `/readyz` and the static assets (the page a token of
        /// scope `all`; the API and `/metrics` any token). Default nil: open (the server binds loopback).
        public var access: AccessGate?

        public init(templatesDirectory: URL, publicDirectory: URL) {
            self.templatesDirectory = templatesDirectory
            self.publicDirectory = publicDirectory
        }
    }

    /// Assets the page links to; a missing one stops start-up rather than breaking the page later.
    static let requiredAssets = ["dashboard.css"]

    let configuration: Configuration
    let analytics: Analytics
    let logger: Logger
    let renderer: PageRenderer
    let staticFiles: StaticFiles
    let builder: PageModelBuilder
    /// The dashboard's own readiness and ETL queries; nil when no pool was passed.
    let probe: WarehouseProbe?
    let schedule: @Sendable () async -> PipelineSchedule?
    let isIndexReady: (@Sendable () -> Bool)?
    let cache: ResponseCache
    let statistics = RequestStatistics()
    let openAPI: [UInt8]

    /// Loads the templates and checks the assets; throws `DashboardSetupError` with a message
    /// naming the missing folder or file.
    /// - Parameters:
    ///   - pool: the warehouse, for `/readyz` and the ETL figures of `/metrics`.
    ///   - schedule: the in-process ETL scheduler's state for the pipeline section (nil: no scheduler).
    ///   - isIndexReady: whether the in-memory metrics index finished building (`/metrics`); nil: no index.
    public init(configuration: Configuration, analytics: Analytics, logger: Logger, pool: PostgresPool? = nil,
                schedule: @escaping @Sendable () async -> PipelineSchedule? = { nil },
                isIndexReady: (@Sendable () -> Bool)? = nil) throws {
        self.configuration = configuration
        self.analytics = analytics
        self.logger = logger
        self.probe = pool.map(WarehouseProbe.init)
        self.schedule = schedule
        self.isIndexReady = isIndexReady
        cache = ResponseCache(maxEntries: configuration.responseCacheEntries, maxBytes: configuration.responseCacheBytes)
        renderer = try PageRenderer(directory: configuration.templatesDirectory)
        let publicPath = configuration.publicDirectory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: publicPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DashboardSetupError.missingDirectory(kind: "public", path: publicPath)
        }
        for asset in Self.requiredAssets
        where !FileManager.default.fileExists(atPath: configuration.publicDirectory.appendingPathComponent(asset).path) {
            throw DashboardSetupError.missingAsset(name: asset, directory: publicPath)
        }
        do {
            staticFiles = try StaticFiles(root: configuration.publicDirectory, urlPrefix: DashboardLinks.staticPath)
        } catch {
            throw DashboardSetupError.staticFiles(path: publicPath, reason: String(describing: error))
        }
        let zoneName = configuration.defaultTimeZone.identifier == "GMT" ? "UTC" : configuration.defaultTimeZone.identifier
        var zones = [zoneName]
        for zone in ["UTC", "Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "America/New_York"]
        where !zones.contains(zone) {
            zones.append(zone)
        }
        builder = PageModelBuilder(productName: configuration.productName, timeZones: zones)
        openAPI = OpenAPIDocument(maxRangeDays: configuration.maxRangeDays).bytes()
    }

    /// `/` → redirect, the page (with and without the trailing slash), the API and its OpenAPI
    /// document, `/healthz`, `/readyz`, `/metrics` and `/static/`. Every route is counted and timed
    /// under its pattern for `/metrics`; with `access` set, each checks its token first (see `access`).
    public func register(on router: inout HTTPRouter) {
        route(&router, "/", requires: .all) { _ in .redirect(to: DashboardLinks.pagePath) }
        route(&router, DashboardLinks.pagePath, requires: .all) { request in await self.page(request) }
        route(&router, DashboardLinks.pagePath + "/", requires: .all) { request in await self.page(request) }
        // The metrics by a mount, not exact routes, so that an unknown name or another method gets the API's JSON
        // error (the router's own 404/405 are plain text).
        let statistics = self.statistics
        let access = configuration.access
        router.mount(DashboardLinks.apiPath) { request in
            let name = String(request.path.dropFirst(DashboardLinks.apiPath.count))
            let known = APIMetric(rawValue: name) != nil || request.path == DashboardLinks.openAPIPath
            let route = known ? request.path : DashboardLinks.apiPath + "*"
            return try await Self.counted(statistics, route: route) {
                try access?.authorize(request, requires: .api)
                return await self.apiResource(name, request)
            }
        }
        // Probes stay open: a supervisor or load balancer checks them without a token, and they tell little.
        route(&router, "/healthz", requires: nil) { _ in self.health() }
        route(&router, "/readyz", requires: nil) { _ in await self.readiness() }
        route(&router, "/metrics", requires: .api) { _ in await self.metrics() }
        // Static assets stay open too: they are this repository's CSS and icon, and the 401 page uses them.
        let staticFiles = self.staticFiles
        router.mount(DashboardLinks.staticPath) { request in
            try await Self.counted(statistics, route: DashboardLinks.staticPath) { try await staticFiles.respond(to: request) }
        }
    }

    /// A GET route counted under `path`, behind a token of scope `required` when access control is on.
    private func route(_ router: inout HTTPRouter, _ path: String, requires required: AccessScope?,
                       _ handler: @escaping HTTPHandler) {
        let statistics = self.statistics
        let access = required.flatMap { _ in configuration.access }
        router.get(path) { request in
            try await Self.counted(statistics, route: path) {
                if let access, let required { try access.authorize(request, requires: required) }
                return try await handler(request)
            }
        }
    }

    /// Runs a handler, recording its status (a thrown `HTTPResponseError`'s, else 500) and time.
    private static func counted(_ statistics: RequestStatistics, route: String,
                                _ handler: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        do {
            let response = try await handler()
            statistics.record(route: route, status: response.status.code, seconds: seconds(since: started))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            statistics.record(route: route, status: status, seconds: seconds(since: started))
            throw error
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = start.duration(to: .now).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The rules filters are parsed with.
    var filterRules: FilterRules {
        var rules = FilterRules(defaultTimeZone: configuration.defaultTimeZone)
        rules.maxRangeDays = configuration.maxRangeDays
        return rules
    }
}
