import Foundation

/// One lake object the generator produces: its key and its bytes (one SBW ingest event).
public struct GeneratedObject: Sendable, Equatable {
    /// `events/YYYY/MM/DD/HH/event-<uuid>.json`, the UTC hour of receipt.
    public let key: String
    /// The JSON payload, UTF-8.
    public let bytes: [UInt8]
    /// The event's `eventName`.
    public let eventName: String
    /// The event's `_ingest.receivedAt`.
    public let receivedAt: Date
}
