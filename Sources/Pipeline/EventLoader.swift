import Lake
import Postgres
import Warehouse

/// Writes a batch of decoded objects in ONE transaction: the new events, the rollups of exactly those
/// events, the objects' ledger rows, their rejects, the drift tally and the data-version bump.
/// Either all of it commits or none of it does, which is what makes a killed run safe to re-run.
struct EventLoader: Sendable {
    let pool: PostgresPool
    /// Keys that had retry rejects when the run started: only these can have any to clear (see `writeRejects`).
    let retryRejectKeys: Set<String>

    /// The temporary table that ends up holding exactly the rows this transaction inserted (the rollup hook reads it).
    static let insertedTable = "etl_inserted"

    // EventLoader.insertEvents — the batch's rows, staged in a per-transaction table with the events' shape,
    // in binary COPY format (no text parsing of uuids, timestamps and numbers on the server).
    // The staging table drops load_xact's default (the transaction id, migration 11): a volatile default makes
    // COPY insert row by row instead of in batches (measured: the whole load 2.5x slower). The INSERT below
    // still fills it in clickstream_events.
    static let createInserted = "CREATE TEMP TABLE etl_inserted (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP"
    static let dropVolatileDefault = "ALTER TABLE etl_inserted ALTER COLUMN load_xact DROP DEFAULT"
    static let copyInserted = "COPY etl_inserted (\(columns)) FROM STDIN WITH (FORMAT binary)"
    // EventLoader.insertEvents — the staged rows whose id is new; a replayed or already-loaded id is skipped.
    // No RETURNING: the affected-row count says whether anything was skipped, which is rare.
    static let insertEventsSQL = """
        INSERT INTO clickstream_events (\(columns), ingested_at)
        SELECT \(columns), ingested_at FROM etl_inserted
        ON CONFLICT (event_id) DO NOTHING
        """
    // EventLoader.insertEvents — only when some ids were already loaded: probe the primary key per staged row
    // (the temporary table has no statistics, and a hash join would read the whole events table; during a first
    // big load the events table's own statistics still say "empty").
    static let preferIndexProbes = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_seqscan = off"
    static let restorePlanner = "RESET enable_hashjoin; RESET enable_mergejoin; RESET enable_seqscan"
    // EventLoader.insertEvents — only when some ids were already loaded: drop from etl_inserted the rows whose id
    // belongs to a row this transaction did not write (another xid, or another source), so it holds exactly
    // the inserted rows; returns the object key of each duplicate.
    static let dropDuplicates = """
        DELETE FROM etl_inserted s
        USING clickstream_events e
        WHERE e.event_id = s.event_id
          AND (e.xmin <> pg_current_xact_id()::xid
               OR e.source_key IS DISTINCT FROM s.source_key
               OR e.source_position IS DISTINCT FROM s.source_position)
        RETURNING s.source_key
        """
    // EventLoader.insertEvents — loads committing at once serialise from here on: the rollup hook stamps its
    // changes with the data version this commit produces, so that version must not move under it.
    static let lockDataVersion = "SELECT data_version FROM warehouse_state FOR UPDATE"
    // EventLoader.load — the ledger; a key loaded twice violates its primary key and rolls the batch back.
    static let copyLedger = "COPY etl_objects (object_key, etag, size_bytes, events, duplicates, rejects, run_id) FROM STDIN"
    // EventLoader.load — the dashboard's cache key changes with each commit.
    static let bumpDataVersion = "UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()"

    static let columns = CanonicalEvent.columnNames.joined(separator: ", ")

    /// Loads `objects` atomically. Retryable objects contribute their reject only (no ledger row).
    func load(_ objects: [DecodedObject], runID: Int64) async throws -> BatchOutcome {
        try await pool.withConnection { connection in
            try connection.transaction { [retryRejectKeys] connection in
                try Self.load(objects, runID: runID, retryRejectKeys: retryRejectKeys, on: connection)
            }
        }
    }

    private static func load(_ batch: [DecodedObject], runID: Int64, retryRejectKeys: Set<String>,
                             on connection: PostgresConnection) throws -> BatchOutcome {
        // Key order makes "the first copy of a repeated id wins" independent of read completion order.
        let objects = batch.sorted { KeyOrder.precedes($0.key, $1.key) }
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
        try writeRejects(objects, run: run, retryRejectKeys: retryRejectKeys, into: &outcome, on: connection)
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
        try connection.query(dropVolatileDefault)
        var seen = Set<UUIDKey>(minimumCapacity: objects.reduce(0) { $0 + $1.events.count })
        let staged = try connection.copyIn(copyInserted, format: .binary) { writer in
            for object in objects {
                for event in object.events {
                    guard seen.insert(UUIDKey(event.eventID)).inserted else {
                        duplicatesByKey[object.key, default: 0] += 1
                        continue
                    }
                    event.writeCopyRow(into: &writer)
                }
            }
        }
        let inserted = try connection.query(insertEventsSQL).affectedRows
        if inserted != staged {
            try connection.execute(preferIndexProbes)
            for row in try connection.query(dropDuplicates) {
                duplicatesByKey[try row.decode(String.self, at: 0), default: 0] += 1
            }
            try connection.execute(restorePlanner)
        }
        try connection.query(lockDataVersion)
        try EventRollups.add(insertedTable: insertedTable, on: connection)
        return duplicatesByKey
    }
}
