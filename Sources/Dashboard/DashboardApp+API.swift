import Analytics
import Foundation
import HTTP

extension DashboardApp {
    /// `GET /sbw_dashboard/api/v1/<metric>`: the metric in the common envelope. Never throws:
    /// errors are JSON bodies with 400 (naming the parameter), 503 or 500.
    public func api(_ metric: APIMetric, _ request: HTTPRequest) async -> HTTPResponse {
        let clock = ContinuousClock()
        let started = clock.now
        let filters: Filters
        let cursor: EventCursor?
        do throws(FilterError) {
            filters = try Filters(queryItems: request.query.items, rules: filterRules)
            cursor = try request.query["cursor"].flatMap { $0.isEmpty ? nil : $0 }.map { text throws(FilterError) in
                try EventCursor(encoded: text)
            }
        } catch {
            return jsonError(status: .badRequest, parameter: error.parameter, message: error.message, request: request)
        }
        do throws(AnalyticsError) {
            let body: [UInt8]
            switch metric {
            case .summary: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.summary(filters) }
            case .timeseries: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.timeSeries(filters) }
            case .eventNames: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.eventNames(filters) }
            case .loginStates: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.loginStates(filters) }
            case .categories: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.categories(filters) }
            case .brands: body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.brands(filters) }
            case .events:
                body = try await respond(filters, started) { () async throws(AnalyticsError) in try await analytics.events(filters, cursor: cursor) }
            }
            var response = HTTPResponse.json(body)
            response.headers.set("Cache-Control", "no-cache")
            response.headers.set("X-Content-Type-Options", "nosniff")
            return response
        } catch {
            logFailure(error, request: request)
            let text = FailureText(error, requestID: request.requestID)
            var response = jsonError(status: text.status, parameter: nil, message: "\(text.title). \(text.hint)", request: request)
            if text.status == .serviceUnavailable { response.headers.set("Retry-After", "30") }
            return response
        }
    }

    /// Runs `fetch` and the status query concurrently and wraps the result in the envelope.
    private func respond<Payload: Encodable & Sendable>(
        _ filters: Filters, _ started: ContinuousClock.Instant,
        _ fetch: () async throws(AnalyticsError) -> Payload
    ) async throws(AnalyticsError) -> [UInt8] {
        let analytics = self.analytics
        async let status = Self.capture { () async throws(AnalyticsError) in try await analytics.status() }
        let payload = try await fetch()
        return try encode(payload, filters, try await status.get(), started)
    }

    /// An async call's outcome as a value, so `async let` keeps the typed error.
    static func capture<T>(_ body: () async throws(AnalyticsError) -> T) async -> Result<T, AnalyticsError> {
        do throws(AnalyticsError) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// The envelope around `payload`, as JSON bytes.
    private func encode(_ payload: some Encodable & Sendable, _ filters: Filters, _ status: WarehouseStatus,
                        _ started: ContinuousClock.Instant) throws(AnalyticsError) -> [UInt8] {
        let elapsed = started.duration(to: ContinuousClock().now)
        let (seconds, attoseconds) = elapsed.components
        let milliseconds = (Double(seconds) * 1_000 + Double(attoseconds) / 1e15 * 1_000).rounded() / 1_000
        let meta = APIMeta(filters: filters, timeZone: filters.timeZoneName, dataVersion: status.dataVersion,
                           latestEvent: status.latestEvent, generatedAt: ISOTimestamp.string(Date()), queryMs: milliseconds)
        do {
            return Array(try Self.jsonEncoder().encode(APIEnvelope(meta: meta, data: payload)))
        } catch {
            throw .queryFailed(query: "encode", detail: String(describing: error))
        }
    }

    func jsonError(status: HTTPStatus, parameter: String?, message: String, request: HTTPRequest) -> HTTPResponse {
        let body = APIErrorBody(parameter: parameter, message: message, requestID: request.requestID)
        let bytes = (try? Self.jsonEncoder().encode(body)).map(Array.init)
            ?? Array(#"{"error":{"message":"error"}}"#.utf8)
        var response = HTTPResponse.json(bytes, status: status)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }

    /// Sorted keys: the same data always gives the same bytes (a future ETag relies on it).
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
