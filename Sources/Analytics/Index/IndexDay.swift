/// One UTC day's buckets summed, for the whole days inside a range: counts per cell, and the
/// distinct members of the day for unfiltered requests (clients, sessions, logged-in users, and
/// the sessions of each step of the funnel the index was built with). Rebuilt from its buckets
/// whenever one of them changes.
final class IndexDay: Sendable {
    /// Days since 1970-01-01 (UTC); covers buckets `number * 96 ..< (number + 1) * 96`.
    let number: Int
    let events: Int
    let cells: CellTable
    /// Distinct dense ids, ascending.
    let clients: [UInt32]
    let sessions: [UInt32]
    let users: [UInt32]
    /// Per step of `IndexStore.funnelSteps`: distinct sessions with an event of that step.
    let stepSessions: [[UInt32]]

    init(number: Int, events: Int, cells: CellTable, clients: [UInt32], sessions: [UInt32], users: [UInt32],
         stepSessions: [[UInt32]]) {
        self.number = number
        self.events = events
        self.cells = cells
        self.clients = clients
        self.sessions = sessions
        self.users = users
        self.stepSessions = stepSessions
    }

    /// Bytes held, for memory statistics.
    var byteCount: Int {
        64 + cells.byteCount + (clients.capacity + sessions.capacity + users.capacity) * 4
            + stepSessions.reduce(0) { $0 + $1.capacity * 4 + 32 }
    }
}
