import Sockets
import Synchronization

/// The server's open connections: enforces `maxConnections` and `maxConnectionsPerAddress`, knows which ones
/// are idle (between requests) so shutdown can close those at once while busy ones finish their request.
///
/// Invariant: `perAddress[a]` is the number of entries whose address is `a` (no zero counts are kept); both
/// change together, under the one lock.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let socket: Socket
        let address: String?
        var isIdle: Bool
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var perAddress: [String: Int] = [:]
        var nextID: UInt64 = 0
        var isShuttingDown = false
    }

    /// Why a connection was not registered.
    enum Refusal: Error, Equatable {
        /// The server holds `maxConnections`, or is shutting down.
        case serverFull
        /// The peer's address already holds `maxConnectionsPerAddress`.
        case addressFull
    }

    private let state = Mutex(State())
    private let maxConnections: Int
    private let maxPerAddress: Int
    private let uncappedAddresses: Set<String>

    init(maxConnections: Int, maxPerAddress: Int, uncappedAddresses: Set<String>) {
        self.maxConnections = maxConnections
        self.maxPerAddress = maxPerAddress
        self.uncappedAddresses = uncappedAddresses
    }

    /// Registers a new connection from `address` (the peer's host; nil when unknown, then only the total
    /// counts); its id, or why it was refused.
    func add(_ socket: Socket, address: String?) -> Result<UInt64, Refusal> {
        state.withLock { state in
            guard !state.isShuttingDown, state.entries.count < maxConnections else { return .failure(.serverFull) }
            let counted = address.flatMap { uncappedAddresses.contains($0) ? nil : $0 }
            if let counted {
                guard state.perAddress[counted, default: 0] < maxPerAddress else { return .failure(.addressFull) }
                state.perAddress[counted, default: 0] += 1
            }
            state.nextID += 1
            state.entries[state.nextID] = Entry(socket: socket, address: counted, isIdle: true)
            return .success(state.nextID)
        }
    }

    func remove(_ id: UInt64) {
        state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: id), let address = entry.address else { return }
            let left = state.perAddress[address, default: 1] - 1
            state.perAddress[address] = left > 0 ? left : nil
        }
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

    /// Connections open now from `address` (0 for an uncapped one, which is not counted per address).
    func count(from address: String) -> Int { state.withLock { $0.perAddress[address, default: 0] } }

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
