import Analytics

/// What every JSON answer says about itself: the resolved filters and where the data stands.
struct APIMeta: Encodable, Sendable {
    let filters: Filters
    let timeZone: String
    let dataVersion: Int64
    let latestEvent: String?
    let dataCompleteUpTo: String?
    let generatedAt: String
    let queryMs: Double

    init(filters: Filters, status: WarehouseStatus, generatedAt: String, queryMs: Double) {
        self.filters = filters
        timeZone = filters.timeZoneName
        dataVersion = status.dataVersion
        latestEvent = status.latestEvent
        dataCompleteUpTo = status.dataCompleteUpTo
        self.generatedAt = generatedAt
        self.queryMs = queryMs
    }

    private enum CodingKeys: String, CodingKey {
        case filters, timeZone = "time_zone", dataVersion = "data_version", latestEvent = "latest_event"
        case dataCompleteUpTo = "data_complete_up_to", generatedAt = "generated_at", queryMs = "query_ms"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filters, forKey: .filters)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(dataVersion, forKey: .dataVersion)
        try container.encode(latestEvent, forKey: .latestEvent)
        try container.encode(dataCompleteUpTo, forKey: .dataCompleteUpTo)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(queryMs, forKey: .queryMs)
    }
}
