/// The pipeline section's enrichment facts: is geography on, which derived fields the loader could not fill
/// and why (never a reject: the rows load with the field NULL), and how many rows wait for `clickstream enrich`.
public struct PipelineEnrichment: Sendable, Hashable, Codable {
    /// The geography database the server loads with ("GeoLite2-City (/srv/GeoLite2-City.mmdb)"); nil when
    /// geography is off (no GEOIP_DB and no built database) or unknown to this server.
    public let geographyDatabase: String?
    /// Loaded events with a derived field left NULL, per reason, the most frequent first (all time).
    public let notDerived: [NotDerivedCount]
    /// Rows loaded before enrichment (or with --no-enrich) whose derived columns `clickstream enrich` has yet to fill.
    public let rowsNotEnriched: Int

    public init(geographyDatabase: String?, notDerived: [NotDerivedCount], rowsNotEnriched: Int) {
        self.geographyDatabase = geographyDatabase
        self.notDerived = notDerived
        self.rowsNotEnriched = rowsNotEnriched
    }

    private enum CodingKeys: String, CodingKey {
        case geographyDatabase = "geography_database", notDerived = "not_derived", rowsNotEnriched = "rows_not_enriched"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(geographyDatabase, forKey: .geographyDatabase)
        try container.encode(notDerived, forKey: .notDerived)
        try container.encode(rowsNotEnriched, forKey: .rowsNotEnriched)
    }
}

/// Events whose derived field stayed NULL for one reason (`page_url_unparsable`, `user_agent_unrecognized`, …).
public struct NotDerivedCount: Sendable, Hashable, Codable {
    public let reason: String
    /// The source field: page_url, referrer, user_agent or source_ip.
    public let field: String
    public let events: Int
    public let firstSeen: String
    public let lastSeen: String

    public init(reason: String, field: String, events: Int, firstSeen: String, lastSeen: String) {
        self.reason = reason
        self.field = field
        self.events = events
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    private enum CodingKeys: String, CodingKey {
        case reason, field, events, firstSeen = "first_seen", lastSeen = "last_seen"
    }
}
