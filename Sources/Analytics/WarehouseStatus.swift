/// What the page header and the API envelope say about the data as a whole.
public struct WarehouseStatus: Sendable, Hashable, Codable {
    /// Bumped by every committed load and succeeded ETL run; a cache key for everything derived from the events.
    public let dataVersion: Int64
    /// The newest event's time (ISO 8601 UTC), `nil` when the warehouse holds no events at all.
    public let latestEvent: String?
    /// Start of the last succeeded ETL run (ISO 8601 UTC): every object in the lake then is loaded.
    public let dataCompleteUpTo: String?

    public init(dataVersion: Int64, latestEvent: String?, dataCompleteUpTo: String? = nil) {
        self.dataVersion = dataVersion
        self.latestEvent = latestEvent
        self.dataCompleteUpTo = dataCompleteUpTo
    }

    /// True when no event has ever been loaded.
    public var isEmpty: Bool { latestEvent == nil }

    private enum CodingKeys: String, CodingKey {
        case dataVersion = "data_version", latestEvent = "latest_event", dataCompleteUpTo = "data_complete_up_to"
    }
}
