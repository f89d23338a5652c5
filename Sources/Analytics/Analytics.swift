import Foundation
import Logging
import Postgres

/// The one source of every number the dashboard shows, for resolved `Filters`. Each metric is
/// answered from the in-memory `MetricsIndex` when one is attached, ready and able to cover the
/// range; otherwise from SQL over the raw tables, which is also the exact reference the index is
/// tested against.
public struct Analytics: Sendable {
    /// Sizes of lists; defaults match the dashboard's layout.
    public struct Configuration: Sendable {
        /// Rows per page of raw events.
        public var pageSize = 20
        /// Rows in each top-N breakdown.
        public var topLimit = 10

        public init() {}
    }

    let pool: PostgresPool
    let logger: Logger
    public let configuration: Configuration
    /// The in-memory index; `nil` answers every metric with raw-table SQL.
    let index: MetricsIndex?
    let funnelStepCache = FunnelStepCache()

    public init(pool: PostgresPool, logger: Logger, configuration: Configuration = .init(), index: MetricsIndex? = nil) {
        self.pool = pool
        self.logger = logger
        self.configuration = configuration
        self.index = index
    }

    /// The same facade without the index: every metric from raw-table SQL (tests, `make bench`).
    public var rawSQL: Analytics {
        Analytics(pool: pool, logger: logger, configuration: configuration, index: nil)
    }

    /// The filter predicate every metric shares, over `clickstream_events e`:
    /// $1 start (inclusive), $2 end (exclusive), $3 login state ('unknown' = none), $4 event name,
    /// $5 category, $6 brand. A NULL parameter switches its condition off, so each query stays a
    /// constant and PostgreSQL plans it with the actual values (unnamed statements).
    static let dimensionPredicate = """
        ($3::text IS NULL OR coalesce(e.user_login_state, 'unknown') = $3::text)
          AND ($4::text IS NULL OR e.event_name = $4::text)
          AND ($5::text IS NULL OR e.context_product_category = $5::text)
          AND ($6::text IS NULL OR e.context_product_brand = $6::text)
        """
    static let filterPredicate = """
        e.event_timestamp >= $1::timestamptz AND e.event_timestamp < $2::timestamptz
          AND \(dimensionPredicate)
        """

    /// `$1…$6` for `filterPredicate`.
    static func parameters(_ filters: Filters) -> [(any PostgresEncodable & Sendable)?] {
        [filters.start, filters.end, filters.loginState, filters.eventName, filters.category, filters.brand]
    }

    /// Runs one named query, logging its time, and turns driver errors into `AnalyticsError`.
    func run(_ name: String, _ sql: String, _ parameters: [(any PostgresEncodable & Sendable)?]) async throws(AnalyticsError) -> PostgresResult {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            // A request that gives up at its deadline cancels its statement: the warehouse stops working for nobody.
            let result = try await pool.query(sql, parameters, onTaskCancellation: .cancelStatement)
            let elapsed = started.duration(to: clock.now)
            logger.debug("analytics query", metadata: [
                "db.query": "\(name)", "db.rows": "\(result.count)", "db.ms": "\(Self.milliseconds(elapsed))",
            ])
            return result
        } catch let error as PostgresError {
            throw Self.classify(error, query: name)
        } catch {
            throw .queryFailed(query: name, detail: String(describing: error))
        }
    }

    /// Decodes rows with the query's name attached to any failure.
    func decode<T>(_ name: String, _ body: () throws(PostgresError) -> T) throws(AnalyticsError) -> T {
        do {
            return try body()
        } catch {
            throw .queryFailed(query: name, detail: error.description)
        }
    }

    static func classify(_ error: PostgresError, query: String) -> AnalyticsError {
        if error.isConnectionProblem { return .warehouseUnavailable(query: query, detail: error.description) }
        // 42P01 undefined_table, 42703 undefined_column: the schema is older than this code.
        if error.sqlState == "42P01" || error.sqlState == "42703" {
            return .warehouseNotMigrated(query: query, detail: error.description)
        }
        return .queryFailed(query: query, detail: error.description)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
