import Sockets
import Synchronization

/// The server's open connections: enforces `maxConnections`, knows which ones are idle (between requests) so
/// shutdown can close those at once while busy ones finish their request.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let socket: Socket
        var isIdle: Bool
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        var isShuttingDown = false
    }

    private let state = Mutex(State())
    private let maxConnections: Int

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    /// Registers a new connection; nil when the server is full or shutting down.
    func add(_ socket: Socket) -> UInt64? {
        state.withLock { state in
            guard !state.isShuttingDown, state.entries.count < maxConnections else { return nil }
            state.nextID += 1
            state.entries[state.nextID] = Entry(socket: socket, isIdle: true)
            return state.nextID
        }
    }

    func remove(_ id: UInt64) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// Marks a connection idle (waiting for a request) or busy. Returns false if it went idle during shutdown:
    /// the caller should close instead of waiting.
    func setIdle(_ id: UInt64, _ isIdle: Bool) -> Bool {
        state.withLock { state in
            state.entries[id]?.isIdle = isIdle
            return !(isIdle && state.isShuttingDown)
        }
    }

    var isShuttingDown: Bool { state.withLock { $0.isShuttingDown } }

    var count: Int { state.withLock { $0.entries.count } }

    /// Enters shutdown and closes every idle connection (their pending read fails with `closed`).
    func beginShutdown() {
        let idle = state.withLock { state in
            state.isShuttingDown = true
            return state.entries.values.filter(\.isIdle).map(\.socket)
        }
        for socket in idle {
            socket.close()
        }
    }
}
