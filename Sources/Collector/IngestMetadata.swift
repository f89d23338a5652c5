import Foundation

/// The `_ingest` block the original ingest Lambda added to every event; the ETL reads collector
/// output and the Lambda's output the same way.
struct IngestMetadata: Sendable {
    let receivedAt: Date
    let sourceIP: String?
    let userAgent: String?
    let method: String
    let path: String
    let requestID: String

    /// The event with our `_ingest` block; a block the client sent is replaced (clients cannot set
    /// the receipt time or source address), its content kept under `_client_ingest`.
    func stamp(_ event: [String: Any]) throws -> [UInt8] {
        var event = event
        if let claimed = event["_ingest"] { event["_client_ingest"] = claimed }
        var block: [String: Any] = [
            "receivedAt": Self.iso8601(receivedAt),
            "method": method,
            "path": path,
            "requestId": requestID,
        ]
        block["sourceIp"] = sourceIP ?? NSNull()
        block["userAgent"] = userAgent ?? NSNull()
        event["_ingest"] = block
        return Array(try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// `2025-12-06T05:14:09.512Z`, as API Gateway's requestTimeEpoch rendered by the Lambda.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
