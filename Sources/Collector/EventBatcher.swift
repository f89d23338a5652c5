import Foundation
import Gzip
import Lake
import Logging

/// Gathers stamped events from concurrent requests into NDJSON.gz objects, flushed by size or age.
/// A request's `submit` returns only after the object holding its events is durably stored, so an
/// acknowledged event is never only in memory. Pending bytes are bounded: past the bound, `submit`
/// fails fast with `.overloaded` instead of queueing. Compression and writes run on `lakeWrites`,
/// off the threads that serve connections.
actor EventBatcher {
    /// Process-wide threads for gzip and lake writes; they live as long as the process. Eight, because a
    /// flush blocks one for its whole fsync and fsyncs issued together share journal commits.
    static let lakeWrites = BlockingWriteExecutor(threads: 8, name: "collector-lake")

    /// How events become lake objects.
    struct Configuration: Sendable {
        var prefix = "events/"
        /// Flush when a batch holds this many uncompressed bytes. Default 4 MiB.
        var maxBatchBytes = 4 << 20
        /// Flush a batch at the latest this long after its first event. Default 200 ms.
        var maxDelay: Duration = .milliseconds(200)
        /// Bytes accepted but not yet stored, across all batches in flight. Default 64 MiB.
        var maxPendingBytes = 64 << 20
        /// One object per event (`event-<uuid>.json`, the original layout) instead of batches.
        var perEventObjects = false
    }

    private struct Batch {
        var id = UUID()
        var lines: [[UInt8]] = []
        var bytes = 0
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }

    private let store: any RawStore
    private let configuration: Configuration
    private let logger: Logger
    private var open = Batch()
    private var pendingBytes = 0

    init(store: any RawStore, configuration: Configuration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    /// Stores `events` (stamped JSON objects) durably, then returns; throws if they could not be stored.
    func submit(_ events: [[UInt8]], receivedAt: Date) async throws {
        let size = events.reduce(0) { $0 + $1.count + 1 }
        guard pendingBytes + size <= configuration.maxPendingBytes else { throw CollectorError.overloaded }
        pendingBytes += size
        defer { pendingBytes -= size }
        if configuration.perEventObjects {
            try await storeEach(events, receivedAt: receivedAt)
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let wasEmpty = open.lines.isEmpty
            open.lines += events
            open.bytes += size
            open.waiters.append(continuation)
            if open.bytes >= configuration.maxBatchBytes {
                flushOpen()
            } else if wasEmpty {
                let id = open.id
                let delay = configuration.maxDelay
                Task { [weak self] in
                    try? await Task.sleep(for: delay)
                    await self?.flushIfStill(id)
                }
            }
        }
    }

    private func flushIfStill(_ id: UUID) {
        if open.id == id, !open.lines.isEmpty { flushOpen() }
    }

    /// Hands the open batch to a storing task and starts a new one; stores run concurrently.
    private func flushOpen() {
        let batch = open
        open = Batch()
        let store = self.store
        let key = LakeKeyLayout.hourPrefix(prefix: configuration.prefix, at: Date())
            + "batch-" + batch.id.uuidString.lowercased() + ".ndjson.gz"
        let logger = self.logger
        Task.detached(executorPreference: Self.lakeWrites) {
            do {
                var body: [UInt8] = []
                body.reserveCapacity(batch.bytes)
                for line in batch.lines {
                    body += line
                    body.append(0x0A)
                }
                try await store.put(key, bytes: try Gzip.compress(body), contentType: "application/x-ndjson")
                batch.waiters.forEach { $0.resume() }
            } catch {
                logger.error("cannot store a batch of events", metadata: ["lake.key": "\(key)", "error": "\(error)"])
                batch.waiters.forEach { $0.resume(throwing: CollectorError.lakeUnavailable) }
            }
        }
    }

    /// One object per event. The writes run in a task of their own, not as children of the request: a
    /// request cancelled (timeout, shutdown) must not cancel writes already under way (cancelling many
    /// in-flight URLSession requests at once deadlocked FoundationNetworking in the bench).
    private func storeEach(_ events: [[UInt8]], receivedAt: Date) async throws {
        let store = self.store
        let prefix = configuration.prefix
        let writes = Task(executorPreference: Self.lakeWrites) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for event in events {
                    let key = LakeKeyLayout.eventKey(prefix: prefix, receivedAt: receivedAt, id: UUID())
                    group.addTask { try await store.put(key, bytes: event, contentType: "application/json") }
                }
                try await group.waitForAll()
            }
        }
        do {
            try await writes.value
        } catch {
            logger.error("cannot store an event", metadata: ["error": "\(error)"])
            throw CollectorError.lakeUnavailable
        }
    }
}
