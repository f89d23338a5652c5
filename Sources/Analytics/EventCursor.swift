import Foundation

/// A keyset position in the newest-first event list: the `(event_timestamp, event_id)` of a row
/// and which way to read from it. Encoded as opaque base64url text for URLs.
public struct EventCursor: Sendable, Hashable {
    /// Which neighbour page the cursor leads to.
    public enum Direction: String, Sendable {
        /// Older rows: those sorting after the key in newest-first order.
        case older = "o"
        /// Newer rows: those sorting before the key.
        case newer = "n"
    }

    public let direction: Direction
    /// The key row's timestamp, ISO 8601 UTC with microseconds, exactly as the query printed it.
    public let timestamp: String
    public let eventID: UUID

    public init(direction: Direction, timestamp: String, eventID: UUID) {
        self.direction = direction
        self.timestamp = timestamp
        self.eventID = eventID
    }

    /// The opaque form for `?cursor=`.
    public var encoded: String {
        let plain = "\(direction.rawValue)|\(timestamp)|\(eventID.uuidString.lowercased())"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor made by `encoded`; anything else is a 400 naming `cursor`.
    public init(encoded text: String) throws(FilterError) {
        let invalid = FilterError(parameter: "cursor", message: "cursor is not a cursor this dashboard made; start again from the first page.")
        guard text.count <= 200, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { throw invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let direction = Direction(rawValue: String(parts[0])),
              let eventID = UUID(uuidString: String(parts[2])),
              Self.isCanonicalTimestamp(parts[1]), ISOTimestamp.parse(String(parts[1]), localZone: .gmt) != nil
        else { throw invalid }
        self.init(direction: direction, timestamp: String(parts[1]), eventID: eventID)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the only form the events query prints.
    private static func isCanonicalTimestamp(_ text: Substring) -> Bool {
        text.count == 27 && text.hasSuffix("Z") && text.dropLast().allSatisfy { $0.isASCIIDigit || "-:T.".contains($0) }
    }
}
