import Analytics
import Foundation
import HTTP
import Logging

extension DashboardApp {
    /// `GET /sbw_dashboard`: the whole page. Never throws: a bad filter is a 400 page with the
    /// form; a warehouse that is down, unmigrated or slow a 503 page; a panel whose query failed
    /// shows its error inline and the rest of the page is drawn.
    ///
    /// A page whose every panel loaded is kept, gzipped, by data version, normalized query, the
    /// minute (the page shows the lag and what is "so far") and the scheduler's state.
    public func page(_ request: HTTPRequest) async -> HTTPResponse {
        let now = Date()
        let items = request.query.items
        let filters: Filters
        let cursor: EventCursor?
        let scope: EventScope
        do throws(FilterError) {
            filters = try Filters(queryItems: items, rules: filterRules, now: now)
            scope = try EventScope(queryValue: request.query["scope"])
            cursor = try request.query["cursor"].flatMap { $0.isEmpty ? nil : $0 }.map { text throws(FilterError) in
                try EventCursor(encoded: text)
            }
        } catch {
            let model = builder.invalidPage(rawItems: items, error: error, defaultZone: configuration.defaultTimeZone, now: now)
            return htmlPage("dashboard", model, status: .badRequest, request: request)
        }
        let deadline = Deadline(after: configuration.requestDeadline)
        let status: WarehouseStatus
        switch await deadline.run({ await Self.capture { () async throws(AnalyticsError) in try await self.analytics.status() } }) {
        case .success(let value)?: status = value
        case .failure(let error)?: return await failurePage(.analytics(error), request: request, filters: filters, now: now)
        case nil: return await failurePage(.timedOut(what: "status", seconds: deadline.seconds), request: request, filters: filters, now: now)
        }
        let schedule = await self.schedule()
        let coding = ContentCoding(request)
        let minute = Int(now.timeIntervalSince1970 / 60)
        let cacheKey = QueryKey(resource: "page", format: "html", filters: filters, cursor: cursor, scope: scope)
            .cacheKey(dataVersion: status.dataVersion, encoding: coding.variant, extra: "\(minute)|\(schedule?.hashValue ?? 0)")
        if let entry = cache.value(for: cacheKey) {
            var response = response(from: entry, cacheControl: "no-store")
            Self.addPageHeaders(&response)
            return response
        }

        let data = await DashboardData.load(analytics, status: status, filters, cursor: cursor, scope: scope, schedule: schedule,
                                            geographyDatabase: configuration.geographyDatabase,
                                            sparklinePoints: configuration.sparklinePoints, deadline: deadline)
        for failure in data.failures { logFailure(failure, request: request) }
        let model = builder.page(filters, data, now: now, requestID: request.requestID)
        let html: String
        do {
            html = try renderer.render("dashboard", model)
        } catch {
            return renderFailure(error, request: request)
        }
        let entry = encoded(Array(html.utf8), contentType: "text/html; charset=utf-8", headers: [], coding: coding, request: request)
        if data.failures.isEmpty { cache.store(entry, for: cacheKey) }
        var response = response(from: entry, cacheControl: "no-store")
        Self.addPageHeaders(&response)
        return response
    }

    /// A full-page explanation of a failure the admin cannot fix from the form; on a 503 with the
    /// scheduler's state, the one part of the pipeline section readable without the warehouse.
    func failurePage(_ failure: LoadFailure, request: HTTPRequest, filters: Filters, now: Date) async -> HTTPResponse {
        logFailure(failure, request: request)
        let text = FailureText(failure, requestID: request.requestID)
        let schedule = text.status == .serviceUnavailable ? await outageSchedule() : nil
        let facts = schedule.map { builder.scheduleFacts($0, zone: filters.timeZone, now: now) } ?? []
        let model = ErrorPage(
            productName: configuration.productName, statusCode: String(text.status.code), title: text.title,
            message: text.message, hint: text.hint, hasHint: !text.hint.isEmpty, requestID: request.requestID,
            homeURL: DashboardLinks.pagePath, retryURL: DashboardLinks().page(filters), stylesheetURL: DashboardLinks().stylesheet,
            scheduleFacts: facts, hasSchedule: !facts.isEmpty)
        var response = htmlPage("error", model, status: text.status, request: request)
        if text.status == .serviceUnavailable { response.headers.set("Retry-After", "30") }
        return response
    }

    /// The scheduler's state as a 503 (page or API body) shows it: its last error without the driver's detail.
    func outageSchedule() async -> PipelineSchedule? {
        await schedule()?.withErrorSummary()
    }

    /// Renders a template into a response with the page's security headers; a render failure
    /// (a bug, not input) becomes a plain 500.
    func htmlPage(_ template: String, _ model: some Sendable, status: HTTPStatus, request: HTTPRequest) -> HTTPResponse {
        do {
            var response = HTTPResponse.html(try renderer.render(template, model), status: status)
            Self.addPageHeaders(&response)
            return response
        } catch {
            return renderFailure(error, request: request)
        }
    }

    private func renderFailure(_ error: DashboardRenderError, request: HTTPRequest) -> HTTPResponse {
        logger.error("template render failed", metadata: ["http.request_id": "\(request.requestID)", "error": "\(error)"])
        return .text("The dashboard could not draw this page (request \(request.requestID)).", status: .internalServerError)
    }

    /// No caching of live numbers; a strict CSP (no scripts at all, styles from our own folder),
    /// so even a markup bug could not run code from an event's text.
    static func addPageHeaders(_ response: inout HTTPResponse) {
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Content-Security-Policy",
                             "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Referrer-Policy", "no-referrer")
    }

    func logFailure(_ failure: LoadFailure, request: HTTPRequest) {
        let metadata: Logger.Metadata = [
            "http.request_id": "\(request.requestID)", "http.path": "\(request.path)",
            "db.query": "\(failure.query)", "error": "\(failure)",
        ]
        switch failure {
        case .analytics(let error) where !error.isWarehouseUnavailable:
            logger.error("analytics query failed", metadata: metadata)
        case .skipped:
            break
        default:
            logger.warning("warehouse unavailable or slow", metadata: metadata)
        }
    }
}
