import ArgumentParser
import Enrichment
import Foundation
import GeoIP
import Logging
import Pipeline

/// How the loader derives page, source, device and geography columns, and what it keeps of client addresses.
struct EnrichmentOptions: ParsableArguments {
    @Option(name: .customLong("data"),
            help: "Folder of the data files (uap-core rules, channel table, built country database). Env: CLICKSTREAM_DATA. Default: ./Data")
    var dataFolder: String?

    @Option(name: .customLong("geoip-db"),
            help: "MaxMind-format database for geography (GeoLite2-Country/City, DB-IP Lite .mmdb). Env: GEOIP_DB. Default: the Data/geoip-country.mmdb setup builds, if present.")
    var geoIPDatabase: String?

    @Option(name: .customLong("site-hosts"),
            help: "The shop's own hosts, comma-separated (subdomains included): referrers there are internal. Env: SITE_HOSTS. Default: each page URL's host.")
    var siteHosts: String?

    @Option(name: .customLong("keep-ip"),
            help: "What the warehouse keeps of a client's IP address: drop (nothing) or truncate (its /24 or /48). Env: KEEP_IP. Default: drop.")
    var keepIP: String?

    @Flag(name: .customLong("no-enrich"), help: "Leave the derived columns NULL (benchmark baseline; `clickstream enrich` fills them later).")
    var noEnrich = false

    /// What was configured, opened and checked: a missing or unreadable data file or GEOIP_DB stops the command here.
    struct Resolved: Sendable {
        var settings: EnrichmentSettings
        /// An enricher even under `--no-enrich`, for the privacy migration and `clickstream enrich`.
        var enricher: Enricher
        /// The geography database's description for the pipeline panel, nil when geography is off.
        var geography: String?
    }

    func resolve(logger: Logger, _ environment: Environment = .current) throws -> Resolved {
        let folder = try AssetFolder.locate(dataFolder ?? environment["CLICKSTREAM_DATA"], default: "Data")
        var configuration = Enricher.Configuration()
        if let hosts = siteHosts ?? environment["SITE_HOSTS"] { configuration.siteHosts = SiteHosts(list: hosts) }
        let retentionText = (keepIP ?? environment["KEEP_IP"] ?? "drop").lowercased()
        guard let retention = AddressRetention(rawValue: retentionText) else {
            throw ConfigurationError("KEEP_IP/--keep-ip must be drop or truncate, got \(retentionText)")
        }
        let built = folder.appendingPathComponent(Enricher.builtGeographyFile).path
        let geographyPath = geoIPDatabase ?? environment["GEOIP_DB"] ?? (FileManager.default.fileExists(atPath: built) ? built : nil)
        if let geographyPath {
            do {
                configuration.geography = try GeoIPDatabase(path: geographyPath)
            } catch {
                throw ConfigurationError("\(error)")
            }
        } else {
            logger.notice("geography is off: no GEOIP_DB and no built database (scripts/setup.sh builds one); country, region and city stay NULL unless a payload sends them")
        }
        let enricher: Enricher
        do {
            enricher = try Enricher(dataFolder: folder, configuration: configuration)
        } catch {
            throw ConfigurationError("\(error)")
        }
        let geography = configuration.geography.map { "\($0.databaseType) (\($0.path))" }
        return Resolved(settings: EnrichmentSettings(enricher: noEnrich ? nil : enricher, addressRetention: retention),
                        enricher: enricher, geography: geography)
    }
}

extension EnrichmentOptions.Resolved {
    /// Places addresses for the privacy migration (nil without a geography database).
    var locate: (@Sendable (String) -> DerivedFields.Location?)? {
        guard enricher.configuration.geography != nil else { return nil }
        return { [enricher] in enricher.locate($0) }
    }
}
