import JSON
import Postgres

extension EventLoader {
    // EventLoader.legacyDuplicates — which candidates (n, time, name, client, session) match a row the original
    // ETL loaded (no source key): same time to the microsecond, same name, client and session. By the time index.
    static let matchingLegacyRows = """
        SELECT c.n FROM jsonb_to_recordset($1::jsonb) AS c(n integer, t text, name text, client text, session text)
        WHERE EXISTS (
            SELECT 1 FROM clickstream_events e
            WHERE e.event_timestamp = c.t::timestamptz AND e.source_key IS NULL
              AND e.event_name IS NOT DISTINCT FROM c.name
              AND e.client_id IS NOT DISTINCT FROM c.client
              AND e.session_id IS NOT DISTINCT FROM c.session)
        """

    /// Ids of the batch's new events that the original ETL loaded already under a random id of its own. Only
    /// events with derived ids from before the upgrade can be such (the others match by id), so after the
    /// original's last hour this costs nothing.
    static func legacyDuplicates(_ objects: [DecodedObject], fresh: Set<UUIDKey>, until: EventTimestamp,
                                 on connection: PostgresConnection) throws -> [UUIDKey] {
        var candidates: [UUIDKey] = []
        var json: [UInt8] = [UInt8(ascii: "[")]
        for object in objects {
            let events = object.events.span
            for index in events.indices {
                let event = events[index]
                guard event.hasDerivedID, event.eventTimestamp <= until, fresh.contains(UUIDKey(event.eventID)) else { continue }
                candidates.append(UUIDKey(event.eventID))
                if candidates.count > 1 { json.append(UInt8(ascii: ",")) }
                json += Array("{\"n\":\(candidates.count),\"t\":".utf8)
                JSONString.append(event.eventTimestamp.description, to: &json)
                json += Array(",\"name\":".utf8)
                JSONString.append(event.eventName, to: &json, nul: .replaced)
                json += Array(",\"client\":".utf8)
                appendOptional(event.clientID, to: &json)
                json += Array(",\"session\":".utf8)
                appendOptional(event.sessionID, to: &json)
                json.append(UInt8(ascii: "}"))
            }
        }
        guard !candidates.isEmpty else { return [] }
        json.append(UInt8(ascii: "]"))
        return try connection.query(matchingLegacyRows, [String(decoding: json, as: UTF8.self)]).compactMap { row in
            let n = try row.decode(Int.self, at: 0)
            return candidates.indices.contains(n - 1) ? candidates[n - 1] : nil
        }
    }

    private static func appendOptional(_ text: String?, to json: inout [UInt8]) {
        if let text { JSONString.append(text, to: &json, nul: .replaced) } else { json += Array("null".utf8) }
    }
}
