/// One decoding thread's way through `Enricher`: a memo of its own in front of the enricher's shared caches, so
/// the values an object repeats (its user agents, pages, referrers and addresses) are looked up without taking a
/// lock. The loader makes one per object it decodes; each memo keeps at most `memoLimit` entries per kind.
public struct EnrichmentSession {
    public let enricher: Enricher
    private let remembers: Bool
    private var pages: [String: EnrichmentFacts.Page] = [:]
    private var referrers: [String: EnrichmentFacts.Referrer] = [:]
    private var userAgents: [String: UserAgentFacts] = [:]
    private var places: [String: EnrichmentFacts.Place] = [:]

    static let memoLimit = 4_096

    /// `remembering: false` goes straight to the shared caches (one event, not worth a memo).
    public init(_ enricher: Enricher, remembering: Bool = true) {
        self.enricher = enricher
        self.remembers = remembering
    }

    /// Every derived column for one event (see `Enricher.derive`).
    public mutating func derive(pageURL: String?, referrer: String?, userAgent: String?, sourceIP: String?) -> DerivedFields {
        var fields = DerivedFields()
        var pageHost: String?
        if let pageURL {
            let page = Self.memo(&pages, remembers, pageURL) { enricher.pages.value(for: $0, compute: EnrichmentFacts.Page.init) }
            if page.isUnparsable { fields.issues.insert(.pageURLUnparsable) }
            (fields.pagePath, fields.pageHost, fields.campaign, pageHost) = (page.path, page.host, page.campaign, page.host)
        }
        deriveSource(referrer: referrer, pageHost: pageHost, into: &fields)
        if let userAgent, !userAgent.isEmpty {
            let facts = Self.memo(&userAgents, remembers, userAgent) { enricher.userAgentFacts($0) }
            fields.userAgent = facts
            if facts.isUnrecognized { fields.issues.insert(.userAgentUnrecognized) }
        }
        if let sourceIP, enricher.configuration.geography != nil {
            switch Self.memo(&places, remembers, sourceIP, { enricher.places.value(for: $0, compute: enricher.place) }) {
            case .invalid: fields.issues.insert(.sourceIPInvalid)
            case .notLocated: fields.issues.insert(.sourceIPNotLocated)
            case .located(let location): fields.location = location
            }
        }
        return fields
    }

    /// referrer_host and channel (see `ChannelClassifier`).
    private mutating func deriveSource(referrer: String?, pageHost: String?, into fields: inout DerivedFields) {
        var referrerSource: ChannelRules.Source?, isInternal = false, hasReferrer = false
        if let referrer {
            let enricher = self.enricher
            switch Self.memo(&referrers, remembers, referrer, { enricher.referrers.value(for: $0, compute: EnrichmentFacts.Referrer.init) }) {
            case .blank: break
            case .unparsable: fields.issues.insert(.referrerUnparsable)
            case .relative:
                hasReferrer = true
                isInternal = true
            case .host(let host):
                hasReferrer = true
                if enricher.configuration.siteHosts.isInternal(host, pageHost: pageHost) {
                    isInternal = true
                } else {
                    fields.referrerHost = host
                    referrerSource = enricher.channels.source(host: host)
                }
            }
        }
        let utmSource = fields.campaign.source.flatMap(enricher.channels.source(utmSource:))
        fields.channel = ChannelClassifier.channel(referrer: referrerSource, hasReferrer: hasReferrer, isInternal: isInternal,
                                                   tags: fields.campaign, utmSource: utmSource)
    }

    /// The memo's value for `key`, else `shared(key)`, remembered when `remembers` (the memo starts over when full).
    private static func memo<Value>(_ memo: inout [String: Value], _ remembers: Bool, _ key: String,
                                    _ shared: (String) -> Value) -> Value {
        guard remembers else { return shared(key) }
        if let value = memo[key] { return value }
        let value = shared(key)
        if memo.count >= memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[key] = value
        return value
    }
}
