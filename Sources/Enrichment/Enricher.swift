import Foundation
import GeoIP

/// Derives the warehouse's page, source, device and geography columns from what a payload sent. Knows nothing
/// of PostgreSQL: the loader calls it as it builds each row. Safe to share between decoding threads.
public struct Enricher: Sendable {
    public struct Configuration: Sendable {
        /// The shop's own hosts (`SITE_HOSTS`). Default: none listed, so the page URL's host is the site.
        public var siteHosts = SiteHosts()
        /// The geography database (`GEOIP_DB`, or the one setup builds); nil leaves geography NULL.
        public var geography: GeoIPDatabase?
        /// Distinct user agents remembered. Default 20,000 (twice that at most; a few MB).
        public var userAgentCacheCapacity = 20_000

        public init() {}
    }

    /// The data files read from the data folder (`Data/`, `CLICKSTREAM_DATA`).
    public static let userAgentRulesFile = "uap-core-regexes.json"
    public static let channelRulesFile = "channels.tsv"
    /// The country database `scripts/setup.sh` builds, used when `GEOIP_DB` is unset.
    public static let builtGeographyFile = "geoip-country.mmdb"
    /// Written with every enriched row (`enrichment_version`), so `clickstream enrich` knows what is left.
    public static let version: Int16 = 1

    public let parser: UserAgentParser
    public let channels: ChannelRules
    public let configuration: Configuration
    // Shared by every decoding thread; each `EnrichmentSession` keeps a memo of its own in front of them.
    let userAgents: BoundedCache<String, UserAgentFacts>
    let pages = BoundedCache<String, EnrichmentFacts.Page>(capacity: 50_000)
    let referrers = BoundedCache<String, EnrichmentFacts.Referrer>(capacity: 20_000)
    let places = BoundedCache<String, EnrichmentFacts.Place>(capacity: 50_000)

    public init(parser: UserAgentParser, channels: ChannelRules, configuration: Configuration = .init()) {
        self.parser = parser
        self.channels = channels
        self.configuration = configuration
        userAgents = BoundedCache(capacity: configuration.userAgentCacheCapacity)
    }

    /// Loads the rule files from `dataFolder`.
    public init(dataFolder: URL, configuration: Configuration = .init()) throws(EnrichmentError) {
        self.init(parser: try UserAgentParser(rulesFile: dataFolder.appendingPathComponent(Self.userAgentRulesFile)),
                  channels: try ChannelRules(file: dataFolder.appendingPathComponent(Self.channelRulesFile)),
                  configuration: configuration)
    }

    /// Every derived column for one event. `sourceIP` is looked up only when given (the caller leaves it out
    /// when the payload names its own country). A loader deriving many events uses an `EnrichmentSession`.
    public func derive(pageURL: String?, referrer: String?, userAgent: String?, sourceIP: String?) -> DerivedFields {
        var session = EnrichmentSession(self, remembering: false)
        return session.derive(pageURL: pageURL, referrer: referrer, userAgent: userAgent, sourceIP: sourceIP)
    }

    /// Where the geography database places `address` (text); nil without a database, for a non-address or a miss.
    public func locate(_ address: String) -> DerivedFields.Location? {
        if case .located(let location) = place(address) { return location }
        return nil
    }

    /// A lookup error (a corrupt database) counts as not located: the row still loads.
    func place(_ text: String) -> EnrichmentFacts.Place {
        guard let address = IPAddress(text.trimmingASCIISpaces) else { return .invalid }
        guard let geography = configuration.geography, let place = try? geography.lookup(address.bytes), place.country != nil else {
            return .notLocated
        }
        return .located(.init(country: place.country, region: place.region, city: place.city))
    }

    /// uap-core's answer for a user agent, remembered per distinct string.
    public func userAgentFacts(_ userAgent: String) -> UserAgentFacts {
        userAgents.value(for: userAgent) { userAgent in
            let browser = parser.browser(userAgent), os = parser.operatingSystem(userAgent), device = parser.device(userAgent)
            return UserAgentFacts(browser: browser.family, browserVersion: browser.major, os: os.family, osVersion: os.major,
                                  deviceType: DeviceType.classify(userAgent: userAgent, operatingSystem: os, device: device))
        }
    }
}
