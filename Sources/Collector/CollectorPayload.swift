import Foundation

/// Splits a request body into event objects: one JSON object, a JSON array of objects, or NDJSON.
enum CollectorPayload {
    /// Parsed events, in order, as Foundation JSON dictionaries.
    static func events(from body: [UInt8], contentType: String?, maxEvents: Int)
        throws(CollectorError) -> [[String: Any]] {
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        // text/plain is what navigator.sendBeacon sends without a preflight; it carries JSON all the same.
        guard ["", "application/json", "text/plain", "application/x-ndjson", "application/ndjson", "application/jsonl"]
            .contains(mediaType) else { throw .unsupportedContentType(mediaType) }
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = trimmed.first else { throw .emptyBody }

        let values: [Any]
        if first == UInt8(ascii: "[") {
            guard let array = try parse(trimmed) as? [Any] else { throw .notJSON("expected an array") }
            values = array
        } else if let single = try? JSONSerialization.jsonObject(with: Data(trimmed), options: [.fragmentsAllowed]) {
            values = [single]
        } else {
            values = try ndjson(trimmed)
        }
        guard values.count <= maxEvents else { throw .tooManyEvents(limit: maxEvents) }
        guard !values.isEmpty else { throw .emptyBody }
        var events: [[String: Any]] = []
        events.reserveCapacity(values.count)
        for (position, value) in values.enumerated() {
            guard let object = value as? [String: Any] else { throw .notAnObject(position: position) }
            guard let name = (object["eventName"] ?? object["event_name"]) as? String,
                  !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .missingEventName(position: position)
            }
            events.append(object)
        }
        return events
    }

    private static func ndjson(_ bytes: ArraySlice<UInt8>) throws(CollectorError) -> [Any] {
        var values: [Any] = []
        for (number, line) in bytes.split(separator: 0x0A).enumerated() {
            let content = line.drop { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                values.append(try JSONSerialization.jsonObject(with: Data(content), options: [.fragmentsAllowed]))
            } catch {
                throw .notJSON(number == 0 ? "cannot parse the body" : "line \(number + 1) is not JSON")
            }
        }
        return values
    }

    private static func parse(_ bytes: ArraySlice<UInt8>) throws(CollectorError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw .notJSON("cannot parse the body")
        }
    }
}
