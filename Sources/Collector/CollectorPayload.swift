import Foundation

/// Splits a request body into event objects: one JSON object, a JSON array of objects, or NDJSON.
enum CollectorPayload {
    /// One event of the body: where it lies and its members, for `IngestMetadata.stamp` to copy.
    struct Event {
        let members: [JSONScanner.Member]
    }

    /// The events, in order. The body is validated as strict JSON (and UTF-8) before anything is accepted.
    static func events(from body: [UInt8], contentType: String?, maxEvents: Int) throws(CollectorError) -> [Event] {
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        // text/plain is what navigator.sendBeacon sends without a preflight; it carries JSON all the same.
        guard ["", "application/json", "text/plain", "application/x-ndjson", "application/ndjson", "application/jsonl"]
            .contains(mediaType) else { throw .unsupportedContentType(mediaType) }
        guard let first = body.firstIndex(where: { !isWhitespace($0) }) else { throw .emptyBody }
        guard String(validating: body, as: UTF8.self) != nil else { throw .notJSON("the body is not UTF-8") }

        let items: [JSONScanner.Item]
        do throws(JSONScanner.Failure) {
            items = try JSONScanner.items(in: body, first..<body.count).items
        } catch {
            // Not one JSON value: NDJSON, one value per line; a body that starts like an array must be one.
            guard body[first] != UInt8(ascii: "[") else {
                throw .notJSON("cannot parse the body (\(error.reason) at byte \(error.offset))")
            }
            items = try ndjson(body, from: first)
        }
        guard items.count <= maxEvents else { throw .tooManyEvents(limit: maxEvents) }
        guard !items.isEmpty else { throw .emptyBody }
        var events: [Event] = []
        events.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let members = item.members else { throw .notAnObject(position: position) }
            // The first spelling present decides, as `eventName ?? event_name` did.
            let nameMember = members.first { JSONScanner.equals(body, $0.rawKey, "eventName") }
                ?? members.first { JSONScanner.equals(body, $0.rawKey, "event_name") }
            guard let nameMember, let name = JSONScanner.string(in: body, nameMember.value),
                  name.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                throw .missingEventName(position: position)
            }
            try AmountFields.check(body, members, position: position)
            events.append(Event(members: members))
        }
        return events
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// One value per non-blank line.
    private static func ndjson(_ body: [UInt8], from start: Int) throws(CollectorError) -> [JSONScanner.Item] {
        var items: [JSONScanner.Item] = []
        var lineStart = start
        var number = 0
        while lineStart < body.count {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.count
            if body[lineStart..<lineEnd].contains(where: { !isWhitespace($0) }) {
                do throws(JSONScanner.Failure) {
                    let line = try JSONScanner.items(in: body, lineStart..<lineEnd)
                    // A line holding an array is one value, not a batch: it is no event object.
                    items += line.isArray ? [JSONScanner.Item(range: lineStart..<lineEnd, members: nil)] : line.items
                } catch {
                    throw .notJSON(number == 0 ? "cannot parse the body (\(error.reason) at byte \(error.offset))"
                                               : "line \(number + 1) is not JSON (\(error.reason))")
                }
            }
            number += 1
            lineStart = lineEnd + 1
        }
        return items
    }
}
