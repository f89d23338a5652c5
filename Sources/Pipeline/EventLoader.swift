import Postgres

/// Writes a batch of decoded objects in ONE transaction: events (via a COPY-filled staging table),
/// their ledger rows, their rejects, and the data-version bump. Either all of it commits or none.
struct EventLoader: Sendable {
    let pool: PostgresPool

    // EventLoader.load — per-transaction staging table, gone at commit or rollback.
    static let createStaging = "CREATE TEMP TABLE etl_staging (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP"
    static let copyStaging = "COPY etl_staging (\(columns)) FROM STDIN"
    // EventLoader.load — new events only: duplicates inside the batch collapse to the first by (key, position),
    // duplicates already loaded are skipped by the primary key; returns inserted rows per object.
    static let insertEvents = """
        WITH inserted AS (
            INSERT INTO clickstream_events (\(columns))
            SELECT DISTINCT ON (event_id) \(columns) FROM etl_staging
            ORDER BY event_id, source_key, source_position
            ON CONFLICT (event_id) DO NOTHING
            RETURNING source_key)
        SELECT source_key, count(*) FROM inserted GROUP BY source_key
        """
    // EventLoader.load — the ledger; a key loaded twice violates its primary key and rolls the batch back.
    static let copyLedger = "COPY etl_objects (object_key, etag, size_bytes, events, duplicates, rejects, run_id) FROM STDIN"
    // EventLoader.load — every refusal, with where and why.
    static let copyRejects = "COPY etl_rejects (object_key, position, reason, detail, excerpt, run_id) FROM STDIN"
    // EventLoader.load — the dashboard's cache key changes with each commit.
    static let bumpDataVersion = "UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()"

    private static let columns = CanonicalEvent.columnNames.joined(separator: ", ")

    /// Loads `objects` atomically. Retryable objects contribute reject rows only (no ledger row).
    func load(_ objects: [DecodedObject], runID: Int64) async throws -> BatchOutcome {
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                try Self.load(objects, runID: runID, on: connection)
            }
        }
    }

    private static func load(_ objects: [DecodedObject], runID: Int64, on connection: PostgresConnection) throws -> BatchOutcome {
        var outcome = BatchOutcome()
        var insertedByKey: [String: Int] = [:]
        if objects.contains(where: { !$0.events.isEmpty }) {
            try connection.query(createStaging)
            _ = try connection.copyIn(copyStaging) { writer in
                for object in objects {
                    for event in object.events { writer.writeRow(event.copyFields) }
                }
            }
            for row in try connection.query(insertEvents) {
                insertedByKey[try row.decode(String.self, at: 0)] = try row.decode(Int.self, at: 1)
            }
        }
        let run = String(runID)
        _ = try connection.copyIn(copyLedger) { writer in
            for object in objects where !object.isRetryable {
                let inserted = insertedByKey[object.key] ?? 0
                writer.writeRow([object.key, object.etag, String(object.sizeBytes), String(inserted),
                                 String(object.events.count - inserted), String(object.rejects.count), run])
                outcome.objects += 1
                outcome.inserted += inserted
                outcome.duplicates += object.events.count - inserted
            }
        }
        _ = try connection.copyIn(copyRejects) { writer in
            for object in objects {
                if object.isRetryable { outcome.retryLater += 1 }
                for reject in object.rejects {
                    writer.writeRow([object.key, String(reject.position), reject.reason.rawValue,
                                     reject.detail, reject.excerpt, run])
                    outcome.rejectsByReason[reject.reason.rawValue, default: 0] += 1
                }
            }
        }
        try connection.query(bumpDataVersion)
        return outcome
    }
}
