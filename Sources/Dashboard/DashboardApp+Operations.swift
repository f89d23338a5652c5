import Analytics
import Foundation
import HTTP

extension DashboardApp {
    /// `GET /healthz`: the process is up and serving. Touches nothing else, so a slow database
    /// never makes a supervisor restart a healthy server.
    func health() -> HTTPResponse {
        var response = HTTPResponse.text("ok\n")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `GET /readyz`: 200 when the warehouse answers and its schema is the one this build needs
    /// (or newer, during a rolling upgrade); 503 with the reason otherwise, within the request deadline.
    func readiness() async -> HTTPResponse {
        func answer(_ text: String, _ status: HTTPStatus) -> HTTPResponse {
            var response = HTTPResponse.text(text + "\n", status: status)
            response.headers.set("Cache-Control", "no-store")
            if status == .serviceUnavailable { response.headers.set("Retry-After", "5") }
            return response
        }
        guard let probe else {
            return answer("not ready: the dashboard was started without its warehouse pool", .serviceUnavailable)
        }
        let deadline = Deadline(after: min(configuration.requestDeadline, .seconds(5)))
        let outcome = await deadline.run { await Self.capture { () async throws(AnalyticsError) in try await probe.schemaVersions() } }
        switch outcome {
        case .success(let versions)? where versions.database >= versions.required:
            return answer("ready: warehouse schema version \(versions.database)", .ok)
        case .success(let versions)?:
            return answer("not ready: warehouse schema version \(versions.database), this build needs \(versions.required); run clickstream migrate",
                          .serviceUnavailable)
        case .failure(let error)?:
            logger.warning("readiness check failed", metadata: ["db.query": "\(error.query)", "error": "\(error)"])
            return answer(error.isWarehouseUnavailable && !error.isNotMigrated
                          ? "not ready: the warehouse database is unreachable"
                          : "not ready: the warehouse schema could not be read", .serviceUnavailable)
        case nil:
            return answer("not ready: the warehouse database did not answer within \(deadline.seconds) s", .serviceUnavailable)
        }
    }

    /// `GET /metrics`: Prometheus text. Request counts and latencies come from this process; the
    /// ETL figures from the warehouse (when it does not answer, `clickstream_warehouse_up` is 0 and
    /// the rest is still served).
    func metrics() async -> HTTPResponse {
        var figures: ETLFigures?
        if let probe {
            let deadline = Deadline(after: min(configuration.requestDeadline, .seconds(5)))
            switch await deadline.run({ await Self.capture { () async throws(AnalyticsError) in try await probe.etlFigures() } }) {
            case .success(let value)?: figures = value
            case .failure(let error)?: logger.warning("metrics: ETL figures unavailable", metadata: ["error": "\(error)"])
            case nil: logger.warning("metrics: ETL figures timed out")
            }
        }
        let text = MetricsExposition(
            statistics: statistics.snapshot(), cache: cache.statistics, figures: figures, hasWarehouse: probe != nil,
            schedule: await schedule(), isIndexReady: isIndexReady?()).render()
        var response = HTTPResponse(status: .ok, headers: ["Content-Type": PrometheusText.contentType], body: Array(text.utf8))
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `GET /sbw_dashboard/api/v1/openapi.json`: the API's description, built once at start-up.
    func openAPIDocument(_ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse.json(openAPI)
        response.headers.set("Cache-Control", "public, max-age=3600")
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }
}

extension AnalyticsError {
    /// True for the "tables missing" case, which readiness reports differently from "unreachable".
    var isNotMigrated: Bool {
        if case .warehouseNotMigrated = self { return true }
        return false
    }
}
