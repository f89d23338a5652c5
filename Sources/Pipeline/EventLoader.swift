import Enrichment
import Foundation
import Lake
import Postgres
import Warehouse

/// Writes a batch of decoded objects in ONE transaction: the new events, the rollups of exactly those
/// events, the objects' ledger rows, their rejects, the drift tally and the data-version bump.
/// Either all of it commits or none of it does, which is what makes a killed run safe to re-run.
struct EventLoader: Sendable {
    let pool: PostgresPool
    let context: LoadContext

    // EventLoader.insertEvents — which of the batch's ids the warehouse already holds (replays, or rows the
    // original ETL loaded), by the primary key even while a first big load's statistics still say "empty"
    // (`ObjectLedger.preferIndex`).
    static let loadedIDs = "SELECT event_id FROM clickstream_events WHERE event_id = ANY($1::uuid[])"
    // EventLoader.insertEvents — the id the new rows carry in load_xact (migration 11). Written by the COPY
    // itself: a volatile column default makes COPY insert row by row instead of in batches.
    static let loadTransaction = "SELECT pg_current_xact_id()::text::bigint"
    // EventLoader.insertEvents — the new rows, straight into the table in binary COPY format (no staging
    // table, no INSERT … SELECT: the rows are written once, as `psql \copy` would). Only ids absent from the
    // warehouse are sent; one that a concurrent batch commits meanwhile fails the COPY with a unique
    // violation, and the batch is tried again (see `ETL.isTransient`).
    static let copyEvents = "COPY clickstream_events (\(columns), load_xact) FROM STDIN WITH (FORMAT binary)"
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
            try connection.transaction { [context] connection in
                try Self.load(objects, runID: runID, context: context, on: connection)
            }
        }
    }

    private static func load(_ batch: [DecodedObject], runID: Int64, context: LoadContext,
                             on connection: PostgresConnection) throws -> BatchOutcome {
        // Key order makes "the first copy of a repeated id wins" independent of read completion order. Batches
        // mostly come in key order already; sorting anyway moved (retained and released) every object.
        let inKeyOrder = batch.indices.dropFirst().allSatisfy { !KeyOrder.precedes(batch[$0].key, batch[$0 - 1].key) }
        let objects = inKeyOrder ? batch : batch.sorted { KeyOrder.precedes($0.key, $1.key) }
        var outcome = BatchOutcome()
        var duplicatesByKey = try insertEvents(objects, legacyRowsUntil: context.legacyRowsUntil, into: &outcome, on: connection)
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
        try writeRejects(objects, run: run, retryRejectKeys: context.retryRejectKeys, into: &outcome, on: connection)
        try recordUnknownFields(objects, into: &outcome, on: connection)
        try connection.query(bumpDataVersion)
        return outcome
    }

    /// Inserts the batch's new events and feeds exactly those to the rollups; returns duplicates per object key.
    /// An id repeated inside the batch is kept once, from the first object in key order; an id the warehouse
    /// holds already is skipped, and so is one the original ETL loaded under a random id (see `legacyDuplicates`).
    private static func insertEvents(_ objects: [DecodedObject], legacyRowsUntil: EventTimestamp?, into outcome: inout BatchOutcome,
                                     on connection: PostgresConnection) throws -> [String: Int] {
        var duplicatesByKey: [String: Int] = [:]
        guard objects.contains(where: { !$0.events.isEmpty }) else { return duplicatesByKey }
        var fresh = Set<UUIDKey>(minimumCapacity: objects.reduce(0) { $0 + $1.events.count })
        var ids: [UUID] = []
        // Through a span: `for event in object.events` copied every event (two dozen retains and releases)
        // only to read its id.
        for object in objects {
            let events = object.events.span
            for index in events.indices where fresh.insert(UUIDKey(events[index].eventID)).inserted {
                ids.append(events[index].eventID)
            }
        }
        try connection.execute(ObjectLedger.preferIndex)
        for row in try connection.query(loadedIDs, [PostgresUUIDArray(ids)]) {
            fresh.remove(UUIDKey(try row.decode(UUID.self, at: 0)))
        }
        if let legacyRowsUntil {
            for id in try legacyDuplicates(objects, fresh: fresh, until: legacyRowsUntil, on: connection) { fresh.remove(id) }
        }
        try connection.execute(restoreSeqScan)
        guard let loadXact = try connection.query(loadTransaction).first.map({ try $0.decode(Int64.self, at: 0) }) else {
            throw PostgresError(kind: .query, message: "the server gave no transaction id", operation: "load transaction")
        }
        var rollups = RollupDelta()
        var issues = EnrichmentIssueTally()
        _ = try connection.copyIn(copyEvents, format: .binary) { writer in
            for object in objects {
                let events = object.events.span
                for index in events.indices {
                    guard fresh.remove(UUIDKey(events[index].eventID)) != nil else {
                        duplicatesByKey[object.key, default: 0] += 1
                        continue
                    }
                    events[index].writeCopyRow(into: &writer, loadTransaction: loadXact)
                    rollups.add(events[index])
                    if let found = events[index].derived?.issues, !found.isEmpty { issues.add(found) }
                }
            }
        }
        try connection.query(lockDataVersion)
        try EventRollups.add(rollups, on: connection)
        try issues.record(on: connection)
        outcome.enrichmentIssues.merge(issues.byReason, uniquingKeysWith: +)
        return duplicatesByKey
    }
}

extension RollupDelta {
    /// Counts one new event under its rollup key.
    mutating func add(_ event: CanonicalEvent) {
        add(microsecondsSince1970: event.eventTimestamp.microseconds, eventName: event.eventName,
            loginState: event.userLoginState, category: event.productCategory, brand: event.productBrand,
            productID: event.productID, productName: event.productName, orderTotal: event.orderTotal?.text)
    }
}
