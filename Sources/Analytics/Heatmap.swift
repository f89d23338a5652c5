/// Events by local weekday and hour of the day, in the filters' zone.
public struct Heatmap: Sendable, Hashable, Codable {
    public let timeZone: String
    /// All 7 × 24 cells, Monday 00:00 first, zeros included.
    public let cells: [HeatmapCell]
    /// The largest cell, for color scales.
    public let maxEvents: Int

    public init(timeZone: String, cells: [HeatmapCell]) {
        self.timeZone = timeZone
        self.cells = cells
        self.maxEvents = cells.map(\.events).max() ?? 0
    }

    private enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone", cells, maxEvents = "max_events"
    }
}

/// One weekday × hour cell.
public struct HeatmapCell: Sendable, Hashable, Codable {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public let weekday: Int
    /// 0…23 on the local wall clock.
    public let hour: Int
    public let events: Int

    public init(weekday: Int, hour: Int, events: Int) {
        self.weekday = weekday
        self.hour = hour
        self.events = events
    }
}
