import Dispatch
import Foundation
import Lake
import Logging
import Postgres
import Warehouse

/// One pass of the pipeline: discover objects not in the ledger, read and decode them with bounded
/// concurrency, and load them batch by batch, each batch in one transaction (exactly once, nothing lost).
///
/// Exactly once: an object's events, their rollups, its ledger row (`etl_objects`) and its rejects commit
/// together, so a run killed anywhere either loaded an object completely or not at all, and the next run
/// picks up what is missing. Discovery lists the whole prefix and asks the ledger about each page, so late
/// files under old hours are found. Event ids are the payload's uuid or a v5 uuid of key, ETag and position,
/// and inserts skip known ids, so a replay (or the same event under two keys) never duplicates. A session
/// advisory lock keeps runs from overlapping.
public struct ETL: Sendable {
    /// Batch and concurrency limits; memory is bounded by a batch, never by the lake.
    public struct Configuration: Sendable {
        /// Only keys under this prefix are read. Default `events/`.
        public var prefix = "events/"
        /// Only keys whose partition date (from the key) is selected. Default: every key.
        public var selection = ObjectSelection()
        /// At most this many objects per load transaction. Default 2,000.
        public var batchObjects = 2_000
        /// A batch is committed once it holds this many events (a bigger single object is still one batch). Default 20,000:
        /// small enough that the first commit starts early and the next batch decodes while one loads, large enough
        /// that the per-transaction work (temporary table, ledger, rollups, data version) stays a small share.
        public var batchEvents = 20_000
        /// Read tasks at once, each one object or a run of small local files (`RawStore.objectsPerReadTask`);
        /// S3 latency wants many in flight. Default 16.
        public var readConcurrency = 16
        /// Batches committing at once, each in its own transaction on its own connection, so the warehouse
        /// works on one batch while the next is being staged. Default 2. Each needs a pool connection beyond
        /// the run lock's and the ledger lookup's.
        public var commitConcurrency = 2
        /// Decode and count, write nothing (no ledger, no run row). Default false.
        public var dryRun = false
        /// The derived columns and what is kept of client addresses. Default: none derived, addresses dropped.
        public var enrichment = EnrichmentSettings.off
        /// Called for every object read (from a child task), e.g. to list what a dry run would load. Default none.
        public var report: (@Sendable (ETLObjectReport) -> Void)?

        public init() {}
    }

    let store: any RawStore
    let pool: PostgresPool
    let configuration: Configuration
    let logger: Logger

    /// Needs a pool of at least three connections: the run lock, a commit and a ledger lookup run at once;
    /// commits run in parallel only as far as the pool has connections beyond those two.
    public init(store: any RawStore, pool: PostgresPool, configuration: Configuration = .init(), logger: Logger) {
        self.store = store
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs one pass; throws `ETLError.anotherRunInProgress` when another run holds the lock.
    public func run(trigger: String) async throws -> ETLSummary {
        let started = ContinuousClock.now
        guard let lock = try await ETLRunLock.acquire(pool: pool) else {
            logger.notice("another ETL run is in progress; this one does nothing")
            throw ETLError.anotherRunInProgress
        }
        let result: Result<ETLSummary, any Error>
        do {
            result = .success(try await runLocked(trigger: trigger, started: started))
        } catch {
            result = .failure(error)
        }
        await lock.release()
        return try result.get()
    }

    private func runLocked(trigger: String, started: ContinuousClock.Instant) async throws -> ETLSummary {
        let recorder = ETLRunRecorder(pool: pool)
        let runID = configuration.dryRun ? nil : try await recorder.start(trigger: trigger)
        var logger = self.logger
        logger[metadataKey: "etl.run"] = "\(runID.map(String.init) ?? "dry")"
        logger.info("ETL run started", metadata: ["etl.trigger": "\(trigger)", "etl.lake": "\(store.location)",
                                                  "etl.prefix": "\(configuration.prefix)"])
        var totals = BatchOutcome(), discovery = ETLPipeline.Discovery()
        do {
            try await ETLPipeline(etl: self, runID: runID, logger: logger).run(totals: &totals, discovery: &discovery)
            await summarizeLoadIndex(after: totals, logger: logger)
            if let runID { try await recorder.finish(runID: runID, totals: totals) }
        } catch {
            let stopped = error is CancellationError
            if stopped {
                logger.notice("ETL run stopped before its end", metadata: [
                    "etl.events": "\(totals.inserted)", "etl.note": "committed batches stay loaded; the next run loads the rest"])
            } else {
                logger.error("ETL run failed", metadata: ["etl.error": "\(error)"])
            }
            if (error as? PostgresError)?.isConnectionProblem != true { await summarizeLoadIndex(after: totals, logger: logger) }
            // Batches committed before the failure stay; the ledger records them, so nothing is lost or repeated.
            if let runID { try? await recorder.fail(runID: runID, totals: totals, error: stopped ? ETLError.interrupted : error) }
            throw error
        }
        let summary = ETLSummary(runID: runID, objects: totals.objects, events: totals.inserted, duplicates: totals.duplicates,
                                 rejects: totals.rejects, rejectsByReason: totals.rejectsByReason, retryLater: totals.retryLater,
                                 listed: discovery.listed, alreadyLoaded: discovery.alreadyLoaded,
                                 changedSinceLoad: discovery.changedSinceLoad, outsideRange: discovery.outsideRange,
                                 unknownFields: totals.unknownFields, isDryRun: configuration.dryRun,
                                 duration: ContinuousClock.now - started, enrichmentIssues: totals.enrichmentIssues)
        logger.info("ETL run finished", metadata: [
            "etl.objects": "\(summary.objects)", "etl.events": "\(summary.events)",
            "etl.duplicates": "\(summary.duplicates)", "etl.rejects": "\(summary.rejects)",
            "etl.changed_since_load": "\(summary.changedSinceLoad)",
        ])
        return summary
    }

    /// Brings the load index's summaries up to the rows this run committed, once per run (see
    /// `LoadTransactionIndex`). Best effort: what it leaves, the table's next vacuum summarizes.
    private func summarizeLoadIndex(after totals: BatchOutcome, logger: Logger) async {
        guard totals.inserted > 0, !configuration.dryRun, !Task.isCancelled else { return }
        do {
            // A shutdown cancels it: it holds a lock the next vacuum can take over, and no row depends on it.
            let ranges = try await pool.withConnection(onTaskCancellation: .cancelStatement) {
                try LoadTransactionIndex.summarizeNewRanges(on: $0)
            }
            logger.debug("load index summarized", metadata: ["etl.ranges": "\(ranges)"])
        } catch let error as PostgresError where error.sqlState == "55P03" {
            logger.info("the events table is being vacuumed, which summarizes the load index's new ranges")
        } catch let error as PostgresError where error.isConnectionProblem {
            logger.debug("load index not summarized: the warehouse is unreachable", metadata: ["etl.error": "\(error)"])
        } catch {
            logger.warning("could not summarize the load index's new ranges; the table's next vacuum will",
                           metadata: ["etl.error": "\(error)"])
        }
    }

    /// Decodes on Dispatch's CPU-wide pool, in submission order, not on Swift's cooperative threads: with
    /// every cooperative thread busy decoding, the run loop itself (which starts commits) waited behind all
    /// queued decodes, so loading began only after nearly everything was decoded. One hop decodes a whole
    /// run of objects (see `RawStore.objectsPerReadTask`).
    static func decodeOffPool(_ blobs: [LakeBlob], now: EventTimestamp, enrichment: EnrichmentSettings) async -> [DecodedObject] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: blobs.map { ObjectDecoder.decode($0, now: now, enrichment: enrichment) })
            }
        }
    }

    /// Reads and decodes a run of objects, in their order; a read failure becomes a retryable object, never a
    /// failed run.
    static func read(_ objects: some Collection<LakeObject>, from store: any RawStore, now: EventTimestamp,
                     enrichment: EnrichmentSettings, logger: Logger) async -> [DecodedObject] {
        // Objects decided without their bytes (unreadable, too large), by position in the run.
        var blobs: [LakeBlob] = [], unread: [Int: DecodedObject] = [:], toRead: [(position: Int, object: LakeObject)] = []
        for (position, object) in objects.enumerated() {
            if let kind = object.specialFileKind {
                logger.warning("a lake entry is not a regular file; it is recorded as a reject and not read",
                               metadata: ["etl.object": "\(object.key)", "etl.kind": "\(kind)"])
                unread[position] = ObjectDecoder.notRegularFile(object, kind: kind)
            } else if object.size > ObjectDecoder.maxObjectBytes {
                logger.warning("a lake object is too large to load; it is refused unread",
                               metadata: ["etl.object": "\(object.key)", "etl.size": "\(object.size)"])
                unread[position] = ObjectDecoder.tooLarge(object)
            } else {
                toRead.append((position, object))
            }
        }
        blobs.reserveCapacity(toRead.count)
        let results = toRead.isEmpty ? [] : await store.get(run: toRead.map(\.object.key))
        for ((position, object), result) in zip(toRead, results) {
            switch result {
            case .success(let blob): blobs.append(blob)
            case .failure(let error):
                logger.warning("cannot read a lake object; it will be retried next run",
                               metadata: ["etl.object": "\(object.key)", "etl.error": "\(error)"])
                unread[position] = ObjectDecoder.unreadable(object, error: error)
            }
        }
        var decoded = blobs.isEmpty ? [] : await decodeOffPool(blobs, now: now, enrichment: enrichment)
        for (position, object) in unread.sorted(by: { $0.key < $1.key }) { decoded.insert(object, at: position) }
        return decoded
    }
}
