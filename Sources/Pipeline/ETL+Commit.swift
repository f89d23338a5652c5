import Logging
import Postgres

extension ETL {
    /// Commits one batch. If the warehouse refuses it for a reason other than a lost connection, each object
    /// is retried alone so one poisoned object cannot hold back the others; an object refused even alone is
    /// recorded as `load_failed` and left out of the ledger for the next run.
    /// `context`: what the run read of the warehouse when it started.
    func commit(_ batch: [DecodedObject], runID: Int64?, context: LoadContext, logger: Logger,
                attempt: Int = 1) async throws -> BatchOutcome {
        guard let runID else { return Self.dryRunOutcome(batch) }
        let loader = EventLoader(pool: pool, context: context)
        do {
            let outcome = try await loader.load(batch, runID: runID)
            logger.debug("batch committed", metadata: ["etl.objects": "\(batch.count)", "etl.events": "\(outcome.inserted)"])
            return outcome
        } catch let error as PostgresError where Self.isTransient(error) && attempt < 3 {
            // Two batches committing at once can both send an event id new to the warehouse: the second's COPY
            // waits for the first and fails on the unique key when it commits, or the two deadlock. Either way the
            // server aborts one of them whole; tried again, it finds the id loaded and skips it.
            logger.notice("batch aborted by a concurrent load; trying it again", metadata: ["etl.error": "\(error)"])
            return try await commit(batch, runID: runID, context: context, logger: logger, attempt: attempt + 1)
        } catch let error as PostgresError where !error.isConnectionProblem && batch.count > 1 {
            logger.warning("batch refused; loading its objects one by one", metadata: ["etl.error": "\(error)"])
            var outcome = BatchOutcome()
            for object in batch {
                outcome.add(try await commit([object], runID: runID, context: context, logger: logger))
            }
            return outcome
        } catch let error as PostgresError where !error.isConnectionProblem {
            guard let object = batch.first, !object.isRetryable else { throw error }
            logger.error("object refused by the warehouse; it will be retried next run",
                         metadata: ["etl.object": "\(object.key)", "etl.error": "\(error)"])
            var failed = DecodedObject(key: object.key, etag: object.etag, sizeBytes: object.sizeBytes)
            failed.isRetryable = true
            failed.rejects = [RecordReject(position: 0, reason: .loadFailed,
                                           detail: RecordReject.sanitized("the warehouse refused the object: \(error)"), excerpt: "")]
            return try await loader.load([failed], runID: runID)
        }
    }

    /// Deadlock, serialization failure or a unique key taken by a concurrent commit: nothing of the transaction
    /// is kept and the same work may succeed.
    static func isTransient(_ error: PostgresError) -> Bool {
        error.sqlState == "40P01" || error.sqlState == "40001" || error.sqlState == "23505"
    }

    /// A dry run writes nothing: every decoded event counts as new, every reject as written.
    private static func dryRunOutcome(_ batch: [DecodedObject]) -> BatchOutcome {
        var outcome = BatchOutcome()
        for object in batch {
            if object.isRetryable { outcome.retryLater += 1 } else { outcome.objects += 1 }
            outcome.inserted += object.events.count
            for reject in object.rejects { outcome.rejectsByReason[reject.reason.rawValue, default: 0] += 1 }
        }
        return outcome
    }
}
