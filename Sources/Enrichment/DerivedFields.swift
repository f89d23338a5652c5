/// The columns the loader derives from a payload's page URL, referrer, user agent and source IP.
public struct DerivedFields: Sendable, Equatable {
    public var pagePath: String?
    public var pageHost: String?
    /// NULL when there is no referrer, or when it is the site itself (channel `internal`).
    public var referrerHost: String?
    public var channel: Channel?
    public var campaign = CampaignTags()
    public var userAgent: UserAgentFacts?
    public var location: Location?
    public var issues = EnrichmentIssues()

    /// Country, region and city from the geography database.
    public struct Location: Sendable, Equatable {
        public var country: String?
        public var region: String?
        public var city: String?

        public init(country: String?, region: String?, city: String?) {
            self.country = country
            self.region = region
            self.city = city
        }
    }

    public init() {}
}

/// What the warehouse keeps of a user agent: uap-core's browser and OS families with their major versions, and
/// the device type derived from them (`DeviceType`).
public struct UserAgentFacts: Sendable, Equatable {
    public var browser: String
    public var browserVersion: String?
    public var os: String
    public var osVersion: String?
    public var deviceType: DeviceType

    /// Neither the browser nor the OS was recognised.
    public var isUnrecognized: Bool { browser == "Other" && os == "Other" }

    public init(browser: String, browserVersion: String?, os: String, osVersion: String?, deviceType: DeviceType) {
        self.browser = browser
        self.browserVersion = browserVersion
        self.os = os
        self.osVersion = osVersion
        self.deviceType = deviceType
    }
}
