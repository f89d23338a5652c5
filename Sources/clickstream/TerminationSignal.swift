import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM, so `serve` and `collect` shut down in order instead of dying mid-request.
enum TerminationSignal {
    private struct State {
        var isInstalled = false
        var received: String?
        var waiters: [UUID: CheckedContinuation<String, Never>] = [:]
    }

    private static let state = Mutex(State())

    /// Suspends until the first SIGINT or SIGTERM and returns its name, or returns "cancelled"
    /// when the waiting task is cancelled (another part of the server ended first).
    static func wait() async -> String {
        install()
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
                let isCancelled = Task.isCancelled  // onCancel may have run before we registered
                let ready = state.withLock { state -> String? in
                    if let received = state.received { return received }
                    if isCancelled { return "cancelled" }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: "cancelled")
        }
    }

    private static func install() {
        let first = state.withLock { state -> Bool in
            defer { state.isInstalled = true }
            return !state.isInstalled
        }
        guard first else { return }
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)  // the dispatch source sees the signal instead of the default handler
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // The handler holds its source, so the source lives as long as the process: installed once.
            source.setEventHandler { [source] in
                _ = source
                deliver(name)
            }
            source.resume()
        }
    }

    private static func deliver(_ name: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<String, Never>] in
            if state.received == nil { state.received = name }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: name) }
    }
}
