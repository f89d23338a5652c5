import Logging
import Pipeline
import Postgres
import Warehouse

/// Runs the ETL at start-up and then every interval (with ±5% jitter so several servers spread out),
/// never overlapping runs and surviving warehouse or lake outages: a failed run is logged and retried
/// at the next tick.
struct ETLScheduler: Sendable {
    let etl: ETL
    let pool: PostgresPool
    let interval: Duration
    let logger: Logger

    func run() async {
        while !Task.isCancelled {
            do {
                try await WarehouseMigrations.apply(pool: pool, logger: logger)
                let summary = try await etl.run(trigger: "schedule")
                logger.info("etl run finished", metadata: ["etl.summary": "\(summary)"])
            } catch is CancellationError {
                return
            } catch {
                logger.error("etl run failed; retrying at the next interval", metadata: ["error": "\(error)"])
            }
            let jitter = Double.random(in: 0.95...1.05)
            do {
                try await Task.sleep(for: interval * jitter)
            } catch {
                return  // cancelled: the server is stopping
            }
        }
    }
}
