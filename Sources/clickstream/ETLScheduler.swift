import Enrichment
import Export
import Foundation
import Logging
import Pipeline
import Postgres
import Warehouse

/// Runs the ETL at start-up and then every interval (with jitter so several servers spread out), never
/// overlapping runs (the ETL's advisory lock), and surviving warehouse or lake outages: a failed run is
/// logged and retried with a growing backoff capped at the interval. `state` is what the pipeline page reads.
struct ETLScheduler: Sendable {
    let etl: ETL
    let pool: PostgresPool
    let interval: Duration
    let logger: Logger
    let state: ETLSchedulerState
    /// Runs after each successful ETL run when `EXPORT=on`; its failure is logged and retried next turn.
    let export: LakeExport?
    /// Places the addresses the privacy migration removes (see `WarehouseMigrations.migrations`).
    let locate: (@Sendable (String) -> DerivedFields.Location?)?

    init(etl: ETL, pool: PostgresPool, interval: Duration, logger: Logger, state: ETLSchedulerState? = nil, export: LakeExport? = nil,
         locate: (@Sendable (String) -> DerivedFields.Location?)? = nil) {
        self.locate = locate
        self.etl = etl
        self.export = export
        self.pool = pool
        self.interval = interval
        self.logger = logger
        self.state = state ?? ETLSchedulerState(interval: interval)
    }

    /// The export step: closed days to Parquet. Its errors do not count as ETL failures (the load succeeded).
    private func runExport() async throws {
        guard let export else { return }
        do {
            let summary = try await export.run()
            logger.info("export run finished", metadata: ["export.days": "\(summary.exported.count)", "export.rows": "\(summary.rows)"])
        } catch is CancellationError {
            throw CancellationError()
        } catch ExportError.interrupted {
            throw CancellationError()
        } catch ExportError.anotherExportInProgress {
            logger.notice("another process is exporting; skipping the export this turn")
        } catch {
            logger.error("export failed; the next run retries", metadata: ["error": "\(error)"])
        }
    }

    func run() async {
        while !Task.isCancelled {
            state.runStarted()
            do {
                try await WarehouseMigrations.apply(pool: pool, logger: logger, locatingAddressesWith: locate)
                let summary = try await etl.run(trigger: "schedule")
                state.runSucceeded(summary)  // the run logged its own summary
                try await runExport()
            } catch is CancellationError {
                state.runFailed(ETLError.interrupted)
                return
            } catch ETLError.anotherRunInProgress {
                state.runSkipped()
                logger.notice("another process is running the ETL; skipping this turn")
            } catch {
                state.runFailed(error)
                let failures = state.snapshot().consecutiveFailures
                logger.error("etl run failed; will retry", metadata: ["error": "\(error)", "etl.failures_in_a_row": "\(failures)"])
            }
            let delay = state.delayBeforeNextRun()
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            state.nextRun(at: Date().addingTimeInterval(seconds))
            logger.debug("next etl run scheduled", metadata: ["etl.in_seconds": "\(Int(seconds))"])
            do {
                try await Task.sleep(for: delay)
            } catch {
                state.nextRun(at: nil)
                return  // cancelled: the server is stopping
            }
        }
    }
}
