/// What the metrics index holds and what building it cost, for logs, `/metrics` and benchmarks.
public struct MetricsIndexStatistics: Sendable, Hashable {
    /// The warehouse data version the index is at.
    public let dataVersion: Int64
    /// Events held (rows with a timestamp).
    public let events: Int
    /// Non-empty 15-minute buckets.
    public let buckets: Int
    public let clients: Int
    public let sessions: Int
    public let loggedInUsers: Int
    /// Approximate bytes of memory the index holds (buckets, id dictionaries, tables).
    public let bytes: Int
    /// Seconds the last full build took (reading included).
    public let buildSeconds: Double
    /// Seconds the last incremental refresh took, and the buckets it reloaded; nil before the first.
    public let refreshSeconds: Double?
    public let refreshedBuckets: Int?

    /// `bytes / events`, or 0 for an empty index.
    public var bytesPerEvent: Double { events == 0 ? 0 : Double(bytes) / Double(events) }

    public init(dataVersion: Int64, events: Int, buckets: Int, clients: Int, sessions: Int, loggedInUsers: Int,
                bytes: Int, buildSeconds: Double, refreshSeconds: Double?, refreshedBuckets: Int?) {
        self.dataVersion = dataVersion
        self.events = events
        self.buckets = buckets
        self.clients = clients
        self.sessions = sessions
        self.loggedInUsers = loggedInUsers
        self.bytes = bytes
        self.buildSeconds = buildSeconds
        self.refreshSeconds = refreshSeconds
        self.refreshedBuckets = refreshedBuckets
    }
}
