import Foundation
import Lake
import Logging

/// The load loop of one run. Listing runs a page or two ahead; up to `readConcurrency` read tasks run at
/// once, each reading one object, or a run of small local files (`RawStore.objectsPerReadTask`), and
/// decoding it on Dispatch's CPU-wide pool (decoding is CPU work, on every core); up to
/// `commitConcurrency` batches commit (each in its own transaction, on its own connection) while the next
/// is being read. Memory stays near `commitConcurrency + 2` batches whatever the lake holds: the batches
/// committing, one full batch waiting, and the one being filled (reads pause while one waits).
struct ETLPipeline {
    let etl: ETL
    let runID: Int64?
    let logger: Logger

    /// What discovery saw.
    struct Discovery: Sendable {
        var listed = 0
        var alreadyLoaded = 0
        var changedSinceLoad = 0
        var outsideRange = 0
    }

    private enum Step: Sendable {
        case listed(ObjectLedger.Check, listed: Int, outsideRange: Int, next: String?)
        case decoded([DecodedObject])
        case committed(BatchOutcome)
    }

    /// Listing starts the next page when fewer objects than this wait to be read.
    static let listingLookahead = 2_000

    /// A read task's objects take at most this many bytes together.
    static let readRunBytes: Int64 = 1 << 20

    /// The objects one read task takes from the head of `pending`: at least one, at most `objects`, and small
    /// ones only, so a run of large objects still spreads over tasks.
    static func readRun(_ pending: ArraySlice<LakeObject>, objects: Int) -> ArraySlice<LakeObject> {
        var end = pending.startIndex + 1, bytes = pending[pending.startIndex].size
        while end < pending.endIndex, end - pending.startIndex < objects {
            bytes += pending[end].size
            if bytes > readRunBytes { break }
            end += 1
        }
        return pending[pending.startIndex..<end]
    }

    /// Adds what commits to `totals` as it commits, so a failed run still reports what it did load.
    func run(totals: inout BatchOutcome, discovery: inout Discovery) async throws {
        let configuration = etl.configuration
        let (store, ledger, selection, prefix) = (etl.store, ObjectLedger(pool: etl.pool), configuration.selection, configuration.prefix)
        let (etl, runID, logger) = (self.etl, self.runID, self.logger)
        let now = EventTimestamp(Date())
        let readLimit = max(1, configuration.readConcurrency)
        // Small enough that the runs in flight fit in one batch, so batches keep near their object limit.
        let runLength = max(1, min(store.objectsPerReadTask, configuration.batchObjects / readLimit))
        // Fetched once: a batch clears old retry rejects only for keys that have some (usually none), and matches
        // rows of the original ETL only while there can be any.
        let context = runID == nil ? LoadContext() : try await LoadContext.fetch(ledger: ledger, pool: etl.pool)
        var pending: [LakeObject] = [], pendingHead = 0
        var token: String?, isListing = false, isListed = false
        let commitLimit = max(1, min(configuration.commitConcurrency, etl.pool.configuration.maxConnections - 2))
        var reading = 0, committing = 0
        var filling = BatchBuilder(objectLimit: configuration.batchObjects, eventLimit: configuration.batchEvents)
        var ready: [DecodedObject]?

        try await withThrowingTaskGroup(of: Step.self) { group in
            do {
                while true {
                    if !isListing, !isListed, pending.count - pendingHead < Self.listingLookahead {
                        isListing = true
                        let after = token
                        group.addTask {
                            let page = try await store.list(prefix: prefix, after: after)
                            let admitted = page.objects.filter { selection.admits($0.key) }
                            let check = try await ledger.check(admitted)
                            return .listed(check, listed: page.objects.count, outsideRange: page.objects.count - admitted.count,
                                           next: page.nextToken)
                        }
                    }
                    let isDrained = isListed && pendingHead == pending.count && reading == 0
                    if ready == nil, filling.isFull || (isDrained && !filling.isEmpty) { ready = filling.take() }
                    while ready == nil, reading < readLimit, pendingHead < pending.count {
                        let run = Self.readRun(pending[pendingHead...], objects: runLength)
                        pendingHead = run.endIndex
                        reading += 1
                        group.addTask { .decoded(await ETL.read(run, from: store, now: now, enrichment: configuration.enrichment, logger: logger)) }
                    }
                    if pendingHead >= 4_096 {
                        pending.removeFirst(pendingHead)
                        pendingHead = 0
                    }
                    if committing < commitLimit, let batch = ready {
                        try Task.checkCancellation()
                        ready = nil
                        committing += 1
                        group.addTask {
                            .committed(try await etl.commit(batch, runID: runID, context: context, logger: logger))
                        }
                        continue
                    }
                    guard let step = try await group.next() else { break }
                    switch step {
                    case .listed(let check, let listed, let outsideRange, let next):
                        isListing = false
                        token = next
                        isListed = next == nil
                        pending += check.unloaded
                        discovery.listed += listed
                        discovery.outsideRange += outsideRange
                        discovery.alreadyLoaded += check.loaded
                        for object in check.changed {
                            discovery.changedSinceLoad += 1
                            if discovery.changedSinceLoad <= 20 {
                                logger.warning("a loaded object changed in the lake since; the ledger keeps the first load and it is not reloaded",
                                               metadata: ["etl.object": "\(object.key)", "etl.etag": "\(object.etag ?? "-")", "etl.size": "\(object.size)"])
                            }
                        }
                    case .decoded(let objects):
                        reading -= 1
                        for object in objects {
                            etl.configuration.report?(ETLObjectReport(object))
                            filling.append(object)
                        }
                    case .committed(let outcome):
                        committing -= 1
                        totals.add(outcome)
                    }
                }
            } catch {
                // Stopping (a signal, a failed step): batches already committing finish or roll back whole (their
                // statements are never cancelled); the ones that commit still count, or the run's record would
                // say less than the table holds.
                group.cancelAll()
                while !group.isEmpty {
                    if case .committed(let outcome)? = try? await group.next() { totals.add(outcome) }
                }
                throw error
            }
        }
        if discovery.changedSinceLoad > 20 {
            logger.warning("loaded objects changed in the lake since", metadata: ["etl.changed": "\(discovery.changedSinceLoad)"])
        }
    }
}
