import JSON
import Postgres

extension EventLoader {
    // EventLoader.legacyDuplicates — pairs each candidate with a row the original ETL loaded (no source key) of the
    // same content: time to the microsecond, name, user, client, session and product. The k-th candidate of a content
    // pairs with the k-th such row, and a paired row is adopted (given the candidate's source), so one old row
    // stands for one event only, also across batches and runs; a row a concurrent batch adopted first fails the
    // UPDATE's recheck and its candidate loads as new. Returns the paired candidates' numbers. By the time index.
    static let adoptLegacyRows = """
        WITH candidate AS (
            SELECT c.*, row_number() OVER (PARTITION BY c.t, c.name, c.usr, c.client, c.session, c.product ORDER BY c.n) AS k
            FROM jsonb_to_recordset($1::jsonb)
                 AS c(n integer, t text, name text, usr text, client text, session text, product text, key text, pos integer)
        ),
        paired AS (
            SELECT candidate.n, candidate.key, candidate.pos, legacy.event_id
            FROM candidate
            CROSS JOIN LATERAL (
                SELECT e.event_id FROM clickstream_events e
                WHERE e.event_timestamp = candidate.t::timestamptz AND e.source_key IS NULL
                  AND e.event_name IS NOT DISTINCT FROM candidate.name
                  AND e.user_id IS NOT DISTINCT FROM candidate.usr
                  AND e.client_id IS NOT DISTINCT FROM candidate.client
                  AND e.session_id IS NOT DISTINCT FROM candidate.session
                  AND e.context_product_id IS NOT DISTINCT FROM candidate.product
                ORDER BY e.event_id
                OFFSET candidate.k - 1 LIMIT 1
            ) AS legacy
        )
        UPDATE clickstream_events e SET source_key = paired.key, source_position = paired.pos
        FROM paired
        WHERE e.event_id = paired.event_id AND e.source_key IS NULL
        RETURNING paired.n
        """

    /// Ids of the batch's new events that the original ETL loaded already under a random id of its own; their
    /// rows are adopted (see `adoptLegacyRows`). Only events with derived ids from before the upgrade can be such
    /// (the others match by id), so after the original's last hour this costs nothing.
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
                json += Array("{\"n\":\(candidates.count),\"pos\":\(event.sourcePosition),\"t\":".utf8)
                JSONString.append(event.eventTimestamp.description, to: &json)
                for (name, value) in [("name", event.eventName as String?), ("usr", event.userID), ("client", event.clientID),
                                      ("session", event.sessionID), ("product", event.productID), ("key", event.sourceKey)] {
                    json += Array(",\"\(name)\":".utf8)
                    if let value { JSONString.append(value, to: &json, nul: .replaced) } else { json += Array("null".utf8) }
                }
                json.append(UInt8(ascii: "}"))
            }
        }
        guard !candidates.isEmpty else { return [] }
        json.append(UInt8(ascii: "]"))
        return try connection.query(adoptLegacyRows, [String(decoding: json, as: UTF8.self)]).compactMap { row in
            let n = try row.decode(Int.self, at: 0)
            return candidates.indices.contains(n - 1) ? candidates[n - 1] : nil
        }
    }
}
