import Analytics
import Postgres
import Warehouse

/// The dashboard's own questions to the warehouse, apart from the metrics: whether the schema is
/// current (`/readyz`) and the ETL's running totals and freshness (`/metrics`). Each is one short
/// query on small tables or an index end.
struct WarehouseProbe: Sendable {
    let pool: PostgresPool

    /// Caller: `etlFigures()` (`/metrics`).
    static let runTotalsQuery = """
        SELECT status, count(*), coalesce(sum(objects), 0), coalesce(sum(events), 0),
               coalesce(sum(duplicates), 0), coalesce(sum(rejects), 0)
        FROM etl_runs GROUP BY status ORDER BY status
        """

    /// Caller: `etlFigures()` (`/metrics`). Reads the (reason, rejected_at) index.
    static let rejectReasonsQuery = "SELECT reason, count(*) FROM etl_rejects GROUP BY reason ORDER BY reason"

    /// Caller: `etlFigures()` (`/metrics`): lag from the newest event to the database's clock.
    static let freshnessQuery = """
        SELECT (SELECT data_version FROM warehouse_state),
               extract(epoch FROM now() - (SELECT max(event_timestamp) FROM clickstream_events))::float8,
               extract(epoch FROM (SELECT max(started_at) FROM etl_runs WHERE status = 'succeeded'))::float8
        """

    func etlFigures() async throws(AnalyticsError) -> ETLFigures {
        let totals = try await run("etl_run_totals", Self.runTotalsQuery)
        let reasons = try await run("etl_reject_reasons", Self.rejectReasonsQuery)
        let freshness = try await run("etl_freshness", Self.freshnessQuery)
        return try decode("etl_figures") { () throws(PostgresError) in
            var runs: [ETLFigures.Runs] = []
            for row in totals {
                runs.append(ETLFigures.Runs(
                    status: try row.decode(String.self, at: 0), runs: try row.decode(Int.self, at: 1),
                    objects: try row.decode(Int.self, at: 2), rows: try row.decode(Int.self, at: 3),
                    duplicates: try row.decode(Int.self, at: 4), rejects: try row.decode(Int.self, at: 5)))
            }
            var rejects: [ETLFigures.Rejects] = []
            for row in reasons {
                rejects.append(ETLFigures.Rejects(reason: try row.decode(String.self, at: 0), count: try row.decode(Int.self, at: 1)))
            }
            return ETLFigures(
                runs: runs, rejectsByReason: rejects,
                dataVersion: try freshness.first?.decodeIfPresent(Int64.self, at: 0) ?? 0,
                lagSeconds: try freshness.first?.decodeIfPresent(Double.self, at: 1),
                dataCompleteUpTo: try freshness.first?.decodeIfPresent(Double.self, at: 2))
        }
    }

    /// The schema version in the database and the one this build needs.
    func schemaVersions() async throws(AnalyticsError) -> (database: Int, required: Int) {
        do {
            return (try await WarehouseMigrations.databaseVersion(pool: pool), WarehouseMigrations.currentVersion)
        } catch let error as PostgresError {
            throw Self.classify(error, query: "schema_version")
        } catch {
            throw .queryFailed(query: "schema_version", detail: String(describing: error))
        }
    }

    private func run(_ name: String, _ sql: String) async throws(AnalyticsError) -> PostgresResult {
        do {
            return try await pool.query(sql)
        } catch let error as PostgresError {
            throw Self.classify(error, query: name)
        } catch {
            throw .queryFailed(query: name, detail: String(describing: error))
        }
    }

    private func decode<T>(_ name: String, _ body: () throws(PostgresError) -> T) throws(AnalyticsError) -> T {
        do {
            return try body()
        } catch {
            throw .queryFailed(query: name, detail: error.description)
        }
    }

    /// The same reading of driver errors as Analytics: connection trouble is 503, a missing table
    /// (42P01) or column (42703) means an unmigrated warehouse, anything else is a 500.
    static func classify(_ error: PostgresError, query: String) -> AnalyticsError {
        if error.isConnectionProblem { return .warehouseUnavailable(query: query, detail: error.description) }
        if error.sqlState == "42P01" || error.sqlState == "42703" {
            return .warehouseNotMigrated(query: query, detail: error.description)
        }
        return .queryFailed(query: query, detail: error.description)
    }
}
