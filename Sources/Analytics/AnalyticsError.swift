/// Why a metric could not be computed. Callers answer 503 for the first two cases
/// (the warehouse, not the request, is at fault) and 500 for the last.
public enum AnalyticsError: Error, Sendable, CustomStringConvertible {
    /// The warehouse cannot be reached: server down, connection lost, or no free connection in time.
    case warehouseUnavailable(query: String, detail: String)
    /// The warehouse answers but its tables are missing: it was never migrated.
    case warehouseNotMigrated(query: String, detail: String)
    /// The query failed for another reason (a bug, a timeout, bad data); details belong in the log.
    case queryFailed(query: String, detail: String)

    /// True when the warehouse rather than the request is at fault, so the answer is 503.
    public var isWarehouseUnavailable: Bool {
        switch self {
        case .warehouseUnavailable, .warehouseNotMigrated: return true
        case .queryFailed: return false
        }
    }

    /// The named query that failed, for logs.
    public var query: String {
        switch self {
        case .warehouseUnavailable(let query, _), .warehouseNotMigrated(let query, _), .queryFailed(let query, _):
            return query
        }
    }

    public var description: String {
        switch self {
        case .warehouseUnavailable(let query, let detail): return "warehouse unavailable during \(query): \(detail)"
        case .warehouseNotMigrated(let query, let detail): return "warehouse not migrated (\(query)): \(detail)"
        case .queryFailed(let query, let detail): return "query \(query) failed: \(detail)"
        }
    }
}
