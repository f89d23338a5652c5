import Dispatch
import Foundation
import Synchronization

/// Threads of their own for lake writes that block (write and fsync), off Swift's cooperative pool.
///
/// `LocalLake.put` blocks in fsync. On the cooperative pool (one thread per core, two here) a write in progress
/// takes a thread away from everything else for its whole fsync, and caps the writes really in flight at the
/// core count. Tasks that prefer this executor (`executorPreference:`) run here instead; async puts (S3) only
/// pass through. Several threads, because fsyncs issued together share journal commits.
public final class BlockingWriteExecutor: TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var shuttingDown = false
    }

    private let queue = Mutex(Queue())
    /// One token per queued job, plus one per thread at shutdown.
    private let ready = DispatchSemaphore(value: 0)
    private let threads: Int

    /// Starts `threads` threads named `<name>-<index>`.
    public init(threads: Int, name: String) {
        self.threads = max(1, threads)
        for index in 0..<self.threads {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        ready.signal()
    }

    /// Lets every thread exit once the queue is empty; call after the last task finished.
    public func shutdown() {
        queue.withLock { $0.shuttingDown = true }
        for _ in 0..<threads { ready.signal() }
    }

    private func work() {
        while true {
            ready.wait()
            let next: UnownedJob?? = queue.withLock { queue in
                if !queue.jobs.isEmpty { return .some(queue.jobs.removeFirst()) }
                return queue.shuttingDown ? .none : .some(nil)
            }
            switch next {
            case .none: return
            case .some(.none): continue
            case .some(.some(let job)): job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }
}
