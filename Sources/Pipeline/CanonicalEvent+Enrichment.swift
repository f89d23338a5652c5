import Enrichment
import Postgres

extension CanonicalEvent {
    /// The derived columns, in the order `writeDerivedColumns` writes them (after `source_position`).
    static let derivedColumnNames = [
        "page_path", "page_host", "referrer_host", "channel", "utm_source", "utm_medium", "utm_campaign", "utm_term",
        "utm_content", "browser", "browser_version", "os", "os_version", "enrichment_version",
    ]

    func writeDerivedColumns(into writer: inout PostgresCopyWriter) {
        guard let derived else {
            for _ in Self.derivedColumnNames { writer.writeNull() }
            return
        }
        writer.write(derived.pagePath)
        writer.write(derived.pageHost)
        writer.write(derived.referrerHost)
        writer.write(derived.channel?.rawValue)
        writer.write(derived.campaign.source)
        writer.write(derived.campaign.medium)
        writer.write(derived.campaign.campaign)
        writer.write(derived.campaign.term)
        writer.write(derived.campaign.content)
        writer.write(derived.userAgent?.browser)
        writer.write(derived.userAgent?.browserVersion)
        writer.write(derived.userAgent?.os)
        writer.write(derived.userAgent?.osVersion)
        writer.writeInt16(Enricher.version)
    }
}

extension EnrichmentSession {
    /// Fills `event`'s derived columns from its page URL, referrer, user agent and source IP. What the payload says
    /// itself wins: its own `device_type`, and its own country (then region and city come from it too, never
    /// half from the address). The address is forgotten here.
    mutating func enrich(_ event: inout CanonicalEvent) {
        let needsPlace = event.country == nil
        let fields = derive(pageURL: event.pageURL, referrer: event.referrer, userAgent: event.userAgent,
                            sourceIP: needsPlace ? event.sourceIP : nil)
        if event.deviceType == nil { event.deviceType = fields.userAgent?.deviceType.rawValue }
        if needsPlace, let place = fields.location {
            event.country = place.country
            event.region = place.region
            event.city = place.city
        }
        event.derived = fields
        event.sourceIP = nil
    }
}
