import Analytics
import Foundation
import HTTP
import Logging

/// The `/sbw_dashboard` web app: the server-rendered page, its JSON API and its static assets.
/// The CLI owns the router and the server; the app only registers its routes.
public struct DashboardApp: Sendable {
    /// Where the app's files are and how it reads requests.
    public struct Configuration: Sendable {
        /// Folder of the Mustache templates (`Templates/`); must hold `dashboard.mustache` and `error.mustache`.
        public var templatesDirectory: URL
        /// Folder of the static assets (`Public/`); must hold `dashboard.css`.
        public var publicDirectory: URL
        /// Zone for day buckets and times when a request names none (`TIMEZONE`); UTC by default.
        public var defaultTimeZone: TimeZone = .gmt
        /// Longest range a request may ask for, in days.
        public var maxRangeDays = 366
        /// The name in the page header and title.
        public var productName = "SBW clickstream"

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

    /// Loads the templates and checks the assets; throws `DashboardSetupError` with a message
    /// naming the missing folder or file.
    public init(configuration: Configuration, analytics: Analytics, logger: Logger) throws {
        self.configuration = configuration
        self.analytics = analytics
        self.logger = logger
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
    }

    /// `/` → redirect, the page (with and without the trailing slash), the JSON API and `/static/`.
    public func register(on router: inout HTTPRouter) {
        router.get("/") { _ in .redirect(to: DashboardLinks.pagePath) }
        router.get(DashboardLinks.pagePath) { request in await self.page(request) }
        router.get(DashboardLinks.pagePath + "/") { request in await self.page(request) }
        for metric in APIMetric.allCases {
            router.get(DashboardLinks.apiPath + metric.rawValue) { request in await self.api(metric, request) }
        }
        let staticFiles = self.staticFiles
        router.mount(DashboardLinks.staticPath) { request in try await staticFiles.respond(to: request) }
    }

    /// The rules filters are parsed with.
    var filterRules: FilterRules {
        var rules = FilterRules(defaultTimeZone: configuration.defaultTimeZone)
        rules.maxRangeDays = configuration.maxRangeDays
        return rules
    }
}
