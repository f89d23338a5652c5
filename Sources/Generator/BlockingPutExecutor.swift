import Dispatch
import Foundation
import Synchronization

/// Threads of its own for the store's puts.
///
/// `LocalLake.put` blocks in fsync. On Swift's cooperative pool (one thread per core, two here)
/// that caps the writes really in flight at the core count, whatever the task group allows;
/// fsyncs issued together share journal commits, so more threads write more files per second.
/// Tasks that prefer this executor run here instead (`addTask(executorPreference:)`).
final class BlockingPutExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])
    /// One token per queued job, plus one per thread at shutdown (a thread that finds no job exits).
    private let ready = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) {
        self.threads = max(1, threads)
        for index in 0..<self.threads {
            let thread = Thread { [self] in work() }
            thread.name = "generator-put-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    /// Lets every thread exit once the queue is empty; call after the last task finished.
    func shutdown() {
        for _ in 0..<threads { ready.signal() }
    }

    private func work() {
        while true {
            ready.wait()
            let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            guard let job else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
