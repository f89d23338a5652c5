import Dispatch
import Foundation
import Synchronization

/// Threads of the collector's own for lake writes (and the gzip before them).
///
/// `LocalLake.put` blocks in write and fsync. On Swift's cooperative pool (one thread per core, two here) a
/// flush in progress would take a thread away from the HTTP connections for its whole fsync, and with one
/// object per event both threads spent most of their time there. Store tasks prefer this executor instead
/// (`executorPreference:`); async puts (S3) only pass through. Several threads, because fsyncs issued
/// together share journal commits. One process-wide instance; its threads live as long as the process.
final class LakeWriteExecutor: TaskExecutor {
    static let shared = LakeWriteExecutor(threads: 8)

    private let jobs = Mutex<[UnownedJob]>([])
    /// One token per queued job.
    private let ready = DispatchSemaphore(value: 0)

    private init(threads: Int) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in work() }
            thread.name = "collector-lake-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    private func work() {
        while true {
            ready.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
