import Foundation
import Gzip
import Lake
import Logging

extension DemoTraffic {
    /// Generates the traffic as gzipped NDJSON objects of up to `eventsPerObject` events each, grouped by
    /// UTC hour of receipt (`events/YYYY/MM/DD/HH/batch-<n>.ndjson.gz`): the collector's batched layout,
    /// and the only practical way to fill a lake with millions of events for a benchmark.
    public func writeBatches(to store: any RawStore, eventsPerObject: Int, logger: Logger) async throws -> GeneratorSummary {
        guard eventsPerObject >= 1 else {
            throw GeneratorError.invalidConfiguration("events per object must be at least 1, got \(eventsPerObject)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var summary = GeneratorSummary()
        // Visits start in time order, so only a few hours are open at once; each holds at most one object's events.
        var open: [String: HourBatch] = [:]
        var sequence = 0
        func flush(_ hourPrefix: String, _ batch: HourBatch) async throws {
            sequence += 1
            let key = hourPrefix + "/batch-" + String(sequence) + ".ndjson.gz"
            let bytes = try Gzip.compress(batch.bytes, level: 1)
            try await store.put(key, bytes: bytes, contentType: "application/x-ndjson")
            summary.files += 1
            summary.bytes += Int64(bytes.count)
        }
        for object in try objects() {
            try Task.checkCancellation()
            let hourPrefix = String(object.key[..<(object.key.lastIndex(of: "/") ?? object.key.endIndex)])
            var batch = open.removeValue(forKey: hourPrefix) ?? HourBatch()
            batch.append(object.bytes)
            summary.recordEvent(object)
            if batch.count >= eventsPerObject {
                try await flush(hourPrefix, batch)
            } else {
                open[hourPrefix] = batch
            }
            // Hours no visit will touch again (older than the current one by two) are written out early.
            if open.count > 4 {
                for key in open.keys.sorted().dropLast(2) {
                    if let stale = open.removeValue(forKey: key) { try await flush(key, stale) }
                }
            }
        }
        for key in open.keys.sorted() {
            if let batch = open[key] { try await flush(key, batch) }
        }
        summary.location = store.location
        summary.duration = started.duration(to: clock.now)
        logger.info("generated demo traffic batches", metadata: [
            "generator.events": "\(summary.events)", "generator.files": "\(summary.files)",
            "generator.seconds": "\(String(format: "%.2f", summary.elapsedSeconds))",
        ])
        return summary
    }
}

/// The NDJSON lines of one hour waiting to be written.
struct HourBatch {
    var bytes: [UInt8] = []
    var count = 0

    mutating func append(_ event: [UInt8]) {
        bytes.append(contentsOf: event)
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }
}
