import Enrichment
import Postgres

extension EventLoader {
    // EventLoader.writeRejects — an object that failed before (unreadable, refused) keeps one current
    // explanation, not one per run: its earlier retry rejects go when it is retried, loaded or not.
    static let dropRetryRejects = """
        DELETE FROM etl_rejects WHERE object_key = ANY($1::text[]) AND reason IN ('unreadable_object', 'load_failed')
        """
    static let restoreSeqScan = "RESET enable_seqscan"
    // EventLoader.writeRejects — every refusal, with where and why.
    static let copyRejects = "COPY etl_rejects (object_key, position, reason, detail, excerpt, run_id) FROM STDIN"
    // EventLoader.recordUnknownFields — drift tally: first seen stays, last seen and the count move on.
    static let upsertUnknownFields = """
        INSERT INTO etl_unknown_fields AS f (dialect, field_name, seen_count, example_value, example_object_key)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])
        ON CONFLICT (dialect, field_name) DO UPDATE
        SET seen_count = f.seen_count + excluded.seen_count, last_seen_at = now()
        """

    static func writeRejects(_ objects: [DecodedObject], run: String, retryRejectKeys: Set<String>,
                             into outcome: inout BatchOutcome, on connection: PostgresConnection) throws {
        // Runs never overlap (the run lock), and an object that fails during a run is not read again in it, so
        // only keys that had retry rejects at the start can have any now.
        let stale = objects.lazy.map(\.key).filter { retryRejectKeys.contains($0) }
        if !stale.isEmpty {
            // By the object-key index even when etl_rejects' statistics are stale (as during a first big load).
            try connection.execute(ObjectLedger.preferIndex)
            try connection.query(dropRetryRejects, [TextArrayLiteral(stale)])
            try connection.execute(restoreSeqScan)
        }
        guard objects.contains(where: { !$0.rejects.isEmpty }) else { return }
        _ = try connection.copyIn(copyRejects) { writer in
            for object in objects {
                if object.isRetryable { outcome.retryLater += 1 }
                for reject in object.rejects {
                    // No client address in the warehouse, not even in what it keeps of a record it refused.
                    writer.writeRow([object.key, String(reject.position), reject.reason.rawValue,
                                     AddressScrubber.scrub(reject.detail), AddressScrubber.scrub(reject.excerpt), run])
                    outcome.rejectsByReason[reject.reason.rawValue, default: 0] += 1
                }
            }
        }
    }

    static func recordUnknownFields(_ objects: [DecodedObject], into outcome: inout BatchOutcome,
                                    on connection: PostgresConnection) throws {
        var merged: [UnknownFieldKey: (tally: UnknownFieldTally, objectKey: String)] = [:]
        for object in objects where !object.isRetryable {
            for (field, tally) in object.unknownFields {
                if let existing = merged[field] {
                    merged[field]?.tally.count = existing.tally.count + tally.count
                } else {
                    merged[field] = (tally, object.key)
                }
            }
        }
        guard !merged.isEmpty else { return }
        let fields = merged.sorted { ($0.key.dialect.rawValue, $0.key.name) < ($1.key.dialect.rawValue, $1.key.name) }
        try connection.query(upsertUnknownFields, [
            fields.map(\.key.dialect.rawValue), fields.map(\.key.name), fields.map { String($0.value.tally.count) },
            fields.map { AddressScrubber.scrub($0.value.tally.example) }, fields.map(\.value.objectKey),
        ])
        for (field, value) in fields { outcome.unknownFields[field.name, default: 0] += value.tally.count }
    }
}
