import Enrichment
import Postgres

extension CanonicalEvent {
    /// The derived columns, in the order `writeDerivedColumns` writes them (after `source_position`).
    static let derivedColumnNames = [
        "page_path", "page_host", "referrer_host", "channel", "utm_source", "utm_medium", "utm_campaign", "utm_term",
        "utm_content", "browser", "browser_version", "os", "os_version", "enrichment_version",
    ]

    /// Fills the derived columns from the page URL, referrer, user agent and source IP. What the payload says
    /// itself wins: its own `device_type`, and its own country (then region and city come from it too, never
    /// half from the address). The address is forgotten here.
    mutating func enrich(with enricher: Enricher) {
        let needsPlace = country == nil
        let fields = enricher.derive(pageURL: pageURL, referrer: referrer, userAgent: userAgent,
                                     sourceIP: needsPlace ? sourceIP : nil)
        if deviceType == nil { deviceType = fields.userAgent?.deviceType.rawValue }
        if needsPlace, let place = fields.location {
            country = place.country
            region = place.region
            city = place.city
        }
        derived = fields
        sourceIP = nil
    }

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
