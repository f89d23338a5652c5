import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM, so `serve` can shut down in order instead of dying mid-request.
enum TerminationSignal {
    /// Suspends until the first SIGINT or SIGTERM; returns its name.
    static func wait() async -> String {
        let sources = Mutex<[any DispatchSourceSignal]>([])
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
                let resumed = Mutex(false)
                for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                    signal(number, SIG_IGN)  // the dispatch source sees it instead of the default handler
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                    source.setEventHandler {
                        guard resumed.withLock({ done in defer { done = true }; return !done }) else { return }
                        continuation.resume(returning: name)
                    }
                    source.resume()
                    sources.withLock { $0.append(source) }
                }
            }
        } onCancel: {
            // Cancelled because another child ended first (e.g. the server failed): nothing to wait for.
            sources.withLock { list in list.forEach { $0.cancel() } }
        }
    }
}
