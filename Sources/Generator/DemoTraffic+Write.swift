import Foundation
import Lake
import Logging

extension DemoTraffic {
    /// Generates the traffic and puts every event into `store` as its own JSON object, with up to
    /// `configuration.concurrency` puts in flight (one file at a time is bound by fsync latency).
    public func write(to store: any RawStore, logger: Logger) async throws -> GeneratorSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let objects = try objects()
        logger.info("generating demo traffic", metadata: [
            "generator.events": "\(configuration.events)", "generator.days": "\(configuration.days)",
            "generator.seed": "\(configuration.seed)", "lake.location": "\(store.location)",
        ])
        let limit = configuration.concurrency
        let executor = BlockingWriteExecutor(threads: limit, name: "generator-put")
        defer { executor.shutdown() }
        var summary = try await withThrowingTaskGroup(of: Void.self, returning: GeneratorSummary.self) { group in
            var summary = GeneratorSummary()
            var inFlight = 0
            for object in objects {
                try Task.checkCancellation()
                if inFlight >= limit {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask(executorPreference: executor) {
                    try await store.put(object.key, bytes: object.bytes, contentType: "application/json")
                }
                inFlight += 1
                summary.record(object)
                if summary.events % 10_000 == 0 {
                    logger.debug("demo traffic progress", metadata: ["generator.written": "\(summary.events)"])
                }
            }
            try await group.waitForAll()
            return summary
        }
        summary.location = store.location
        summary.duration = started.duration(to: clock.now)
        logger.info("generated demo traffic", metadata: [
            "generator.events": "\(summary.events)", "generator.files": "\(summary.files)",
            "generator.seconds": "\(String(format: "%.2f", summary.elapsedSeconds))",
            "lake.location": "\(store.location)",
        ])
        return summary
    }
}
