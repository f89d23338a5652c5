import ArgumentParser
import Dispatch
import Foundation
import Logging
import Synchronization

/// Waits for SIGINT or SIGTERM, so commands shut down in order (requests drained, an ETL batch finished or
/// rolled back, an embedded PostgreSQL stopped) instead of dying where they stand.
enum TerminationSignal {
    /// How a command stopped by a signal exits: 128 + the signal's number, as a shell reports it.
    static func exitCode(for signal: String) -> ExitCode {
        ExitCode(128 + (signal == "SIGINT" ? SIGINT : SIGTERM))
    }

    /// Runs `body`, cancelling it at the first SIGINT or SIGTERM (logged), and waits for it to unwind, so its
    /// cleanup runs. Returns what `body` returns; throws `ExitCode` 130/143 when a signal stopped it, or what it
    /// threw otherwise.
    static func cancelling<T: Sendable>(logger: Logger, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        install()  // from here on a signal is ours to handle: nothing may die mid-way
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let signal = await wait()
                if signal != "cancelled" { logger.notice("stopping: finishing or rolling back what is in flight", metadata: ["signal": "\(signal)"]) }
                return nil
            }
            let first = try await group.next()
            group.cancelAll()
            if case let value?? = first { return value }
            // The signal came first: the body unwinds under cancellation (its own errors say only that).
            var value: T?
            while !group.isEmpty {
                if case let finished?? = try? await group.next() { value = finished }
            }
            if let value { return value }
            throw exitCode(for: state.withLock { $0.received } ?? "SIGTERM")
        }
    }

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

    /// Takes SIGINT and SIGTERM from their default (ending the process at once) to `wait()`'s waiters.
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
                deliver(name, number: number)
            }
            source.resume()
        }
    }

    /// True once a SIGINT or SIGTERM has arrived.
    static var wasReceived: Bool { state.withLock { $0.received != nil } }

    private static func deliver(_ name: String, number: Int32) {
        let (waiters, isSecond) = state.withLock { state -> ([CheckedContinuation<String, Never>], Bool) in
            let isSecond = state.received != nil
            if !isSecond { state.received = name }
            defer { state.waiters = [:] }
            return (Array(state.waiters.values), isSecond)
        }
        guard !isSecond else {
            // A second signal: the operator will not wait for the orderly stop (a statement that runs on, a
            // server that does not answer). The default action ends the process now; a committed batch stays,
            // an open one rolls back, and the next command stops an embedded server left behind.
            signal(number, SIG_DFL)
            kill(getpid(), number)
            return
        }
        waiters.forEach { $0.resume(returning: name) }
    }
}
