/// What `Enricher` remembers per distinct page URL, referrer and source IP: events of a page view, its clicks
/// and its product view share them, and a visitor's address repeats for the whole visit, so the loader parses
/// and looks up each once (per batch of distinct values) instead of once per event.
enum EnrichmentFacts {
    struct Page: Sendable {
        var path: String?
        var host: String?
        var campaign = CampaignTags()
        var isUnparsable = false

        init(_ text: String) {
            guard let address = WebAddress(text) else {
                isUnparsable = true
                return
            }
            path = address.normalizedPath
            host = address.host
            if let query = address.query { campaign = CampaignTags(query: query) }
        }
    }

    enum Referrer: Sendable {
        case blank
        case unparsable
        /// "/laptops": only the site itself sends one.
        case relative
        case host(String)

        init(_ text: String) {
            if text.trimmingASCIISpaces.isEmpty {
                self = .blank
            } else if let address = WebAddress(text) {
                self = address.host.map(Referrer.host) ?? .relative
            } else {
                self = .unparsable
            }
        }
    }

    enum Place: Sendable {
        case invalid
        case notLocated
        case located(DerivedFields.Location)
    }
}
