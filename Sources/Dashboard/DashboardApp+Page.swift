import Analytics
import Foundation
import HTTP
import Logging

extension DashboardApp {
    /// `GET /sbw_dashboard`: the whole page. Never throws: a bad filter is a 400 page with the
    /// form, a warehouse problem a 503 page, anything else a 500 page with the request id.
    public func page(_ request: HTTPRequest) async -> HTTPResponse {
        let now = Date()
        let items = request.query.items
        let filters: Filters
        let cursor: EventCursor?
        do throws(FilterError) {
            filters = try Filters(queryItems: items, rules: filterRules, now: now)
            cursor = try request.query["cursor"].flatMap { $0.isEmpty ? nil : $0 }.map { text throws(FilterError) in
                try EventCursor(encoded: text)
            }
        } catch {
            let model = builder.invalidPage(rawItems: items, error: error, defaultZone: configuration.defaultTimeZone, now: now)
            return htmlPage("dashboard", model, status: .badRequest, request: request)
        }
        do throws(AnalyticsError) {
            let data = try await DashboardData.load(analytics, filters, cursor: cursor)
            return htmlPage("dashboard", builder.page(filters, data, now: now), status: .ok, request: request)
        } catch {
            return failurePage(error, request: request)
        }
    }

    /// A full-page explanation of a failure the admin cannot fix from the form.
    func failurePage(_ error: AnalyticsError, request: HTTPRequest) -> HTTPResponse {
        logFailure(error, request: request)
        let text = FailureText(error, requestID: request.requestID)
        let model = ErrorPage(
            productName: configuration.productName, statusCode: String(text.status.code), title: text.title,
            message: text.message, hint: text.hint, hasHint: !text.hint.isEmpty, requestID: request.requestID,
            homeURL: DashboardLinks.pagePath, stylesheetURL: DashboardLinks().stylesheet)
        var response = htmlPage("error", model, status: text.status, request: request)
        if text.status == .serviceUnavailable { response.headers.set("Retry-After", "30") }
        return response
    }

    /// Renders a template into a response with the page's security headers; a render failure
    /// (a bug, not input) becomes a plain 500.
    func htmlPage(_ template: String, _ model: some Sendable, status: HTTPStatus, request: HTTPRequest) -> HTTPResponse {
        do {
            var response = HTTPResponse.html(try renderer.render(template, model), status: status)
            Self.addPageHeaders(&response)
            return response
        } catch {
            logger.error("template render failed", metadata: ["http.request_id": "\(request.requestID)", "error": "\(error)"])
            return .text("The dashboard could not draw this page (request \(request.requestID)).", status: .internalServerError)
        }
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

    func logFailure(_ error: AnalyticsError, request: HTTPRequest) {
        let metadata: Logger.Metadata = [
            "http.request_id": "\(request.requestID)", "http.path": "\(request.path)",
            "db.query": "\(error.query)", "error": "\(error)",
        ]
        if error.isWarehouseUnavailable {
            logger.warning("warehouse unavailable", metadata: metadata)
        } else {
            logger.error("analytics query failed", metadata: metadata)
        }
    }
}
