import Postgres
import Warehouse

/// Writes a batch of decoded objects in ONE transaction: the new events, the rollups of exactly those
/// events, the objects' ledger rows, their rejects, the drift tally and the data-version bump.
/// Either all of it commits or none of it does, which is what makes a killed run safe to re-run.
struct EventLoader: Sendable {
    let pool: PostgresPool

    /// The temporary table that ends up holding exactly the rows this transaction inserted (the rollup hook reads it).
    static let insertedTable = "etl_inserted"

    // EventLoader.insertEvents — the batch's rows, staged in a per-transaction table with the events' shape.
    static let createInserted = "CREATE TEMP TABLE etl_inserted (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP"
    static let copyInserted = "COPY etl_inserted (\(columns)) FROM STDIN"
    // EventLoader.insertEvents — ids the INSERT actually wrote (a replayed or already-loaded id is skipped).
    static let createInsertedIDs = "CREATE TEMP TABLE etl_inserted_ids (event_id uuid NOT NULL) ON COMMIT DROP"
    static let insertEventsSQL = """
        WITH inserted AS (
            INSERT INTO clickstream_events (\(columns), ingested_at)
            SELECT \(columns), ingested_at FROM etl_inserted
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id)
        INSERT INTO etl_inserted_ids SELECT event_id FROM inserted
        """
    // EventLoader.insertEvents — only when some ids were already loaded: drop them from etl_inserted so it
    // holds exactly the inserted rows; returns the object key of each duplicate.
    static let dropDuplicates = """
        DELETE FROM etl_inserted s
        WHERE NOT EXISTS (SELECT 1 FROM etl_inserted_ids i WHERE i.event_id = s.event_id)
        RETURNING s.source_key
        """
    // EventLoader.load — the ledger; a key loaded twice violates its primary key and rolls the batch back.
    static let copyLedger = "COPY etl_objects (object_key, etag, size_bytes, events, duplicates, rejects, run_id) FROM STDIN"
    // EventLoader.load — the dashboard's cache key changes with each commit.
    static let bumpDataVersion = "UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()"

    static let columns = CanonicalEvent.columnNames.joined(separator: ", ")

    /// Loads `objects` atomically. Retryable objects contribute their reject only (no ledger row).
    func load(_ objects: [DecodedObject], runID: Int64) async throws -> BatchOutcome {
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                try Self.load(objects, runID: runID, on: connection)
            }
        }
    }

    private static func load(_ batch: [DecodedObject], runID: Int64, on connection: PostgresConnection) throws -> BatchOutcome {
        // Key order makes "the first copy of a repeated id wins" independent of read completion order.
        let objects = batch.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var outcome = BatchOutcome()
        var duplicatesByKey = try insertEvents(objects, on: connection)
        let run = String(runID)
        _ = try connection.copyIn(copyLedger) { writer in
            for object in objects where !object.isRetryable {
                let duplicates = duplicatesByKey.removeValue(forKey: object.key) ?? 0
                let inserted = object.events.count - duplicates
                writer.writeRow([object.key, object.etag, String(object.sizeBytes), String(inserted),
                                 String(duplicates), String(object.rejects.count), run])
                outcome.objects += 1
                outcome.inserted += inserted
                outcome.duplicates += duplicates
            }
        }
        try writeRejects(objects, run: run, into: &outcome, on: connection)
        try recordUnknownFields(objects, into: &outcome, on: connection)
        try connection.query(bumpDataVersion)
        return outcome
    }

    /// Inserts the batch's new events and feeds exactly those to the rollups; returns duplicates per object key.
    /// An id repeated inside the batch is kept once, from the first object in key order.
    private static func insertEvents(_ objects: [DecodedObject], on connection: PostgresConnection) throws -> [String: Int] {
        var duplicatesByKey: [String: Int] = [:]
        guard objects.contains(where: { !$0.events.isEmpty }) else { return duplicatesByKey }
        try connection.query(createInserted)
        var seen = Set<UUIDKey>(minimumCapacity: objects.reduce(0) { $0 + $1.events.count })
        let staged = try connection.copyIn(copyInserted) { writer in
            for object in objects {
                for event in object.events {
                    guard seen.insert(UUIDKey(event.eventID)).inserted else {
                        duplicatesByKey[object.key, default: 0] += 1
                        continue
                    }
                    writer.writeRow(event.copyFields)
                }
            }
        }
        try connection.query(createInsertedIDs)
        let inserted = try connection.query(insertEventsSQL).affectedRows
        if inserted != staged {
            for row in try connection.query(dropDuplicates) {
                duplicatesByKey[try row.decode(String.self, at: 0), default: 0] += 1
            }
        }
        try EventRollups.add(insertedTable: insertedTable, on: connection)
        return duplicatesByKey
    }
}
