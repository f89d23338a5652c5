/// One page of raw events, newest first, with opaque cursors to the neighbouring pages.
public struct EventPage: Sendable, Hashable, Codable {
    public let events: [EventRecord]
    /// Cursor for older events; `nil` on the last page.
    public let nextCursor: String?
    /// Cursor for newer events; `nil` on the first page.
    public let previousCursor: String?
    public let pageSize: Int

    public init(events: [EventRecord], nextCursor: String?, previousCursor: String?, pageSize: Int) {
        self.events = events
        self.nextCursor = nextCursor
        self.previousCursor = previousCursor
        self.pageSize = pageSize
    }

    private enum CodingKeys: String, CodingKey {
        case events, nextCursor = "next_cursor", previousCursor = "previous_cursor", pageSize = "page_size"
    }

    /// `null` cursors rather than missing keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(events, forKey: .events)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(previousCursor, forKey: .previousCursor)
        try container.encode(pageSize, forKey: .pageSize)
    }
}
