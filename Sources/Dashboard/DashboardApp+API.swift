import Analytics
import Foundation
import Gzip
import HTTP

extension DashboardApp {
    /// Anything under `/sbw_dashboard/api/v1/`: a metric or the OpenAPI document for GET and HEAD, else a JSON
    /// 404 naming the metrics or a JSON 405 with `Allow`.
    func apiResource(_ name: String, _ request: HTTPRequest) async -> HTTPResponse {
        let metric = APIMetric(rawValue: name)
        guard metric != nil || request.path == DashboardLinks.openAPIPath else {
            let names = APIMetric.allCases.map(\.rawValue).joined(separator: ", ")
            return jsonError(status: .notFound, parameter: nil,
                             message: "No API resource \(name.isEmpty ? "here" : name). The metrics are \(names); see openapi.json.",
                             request: request)
        }
        guard request.method == .get || request.method == .head else {
            var response = jsonError(status: .methodNotAllowed, parameter: nil,
                                     message: "\(request.method.rawValue) is not allowed here: the API is read-only (GET, HEAD).", request: request)
            response.headers.set("Allow", "GET, HEAD")
            return response
        }
        guard let metric else { return openAPIDocument(request) }
        return await api(metric, request)
    }

    /// `GET /sbw_dashboard/api/v1/<metric>`: the metric in the common envelope, or its table as CSV.
    /// Never throws: errors are JSON bodies with 400 (naming the parameter), 503 or 500.
    ///
    /// Order of work: parse (400s) → the data version (one tiny query) → 304 when `If-None-Match`
    /// carries this version's tag for this normalized query → a finished body from the response
    /// cache → only then the metric's queries.
    public func api(_ metric: APIMetric, _ request: HTTPRequest) async -> HTTPResponse {
        let started = ContinuousClock.now
        let filters: Filters
        let cursor: EventCursor?
        let format: APIFormat
        let scope: EventScope?  // the events list's only
        do throws(FilterError) {
            filters = try Filters(queryItems: request.query.items, rules: filterRules)
            cursor = try request.query["cursor"].flatMap { $0.isEmpty ? nil : $0 }.map { text throws(FilterError) in
                try EventCursor(encoded: text)
            }
            format = try APIFormat(queryValue: request.query["format"], for: metric)
            scope = metric == .events ? try EventScope(queryValue: request.query["scope"]) : nil
        } catch {
            return jsonError(status: .badRequest, parameter: error.parameter, message: error.message, request: request)
        }
        let deadline = Deadline(after: configuration.requestDeadline)
        let key = QueryKey(resource: metric.rawValue, format: format.rawValue, filters: filters, cursor: metric.takesCursor ? cursor : nil,
                           scope: scope)
        let coding = ContentCoding(request)

        var checkedVersion: Int64?
        if metric.isVersioned {
            let analytics = self.analytics
            let version = await deadline.run { await Self.capture { () async throws(AnalyticsError) in try await analytics.dataVersion() } }
            switch version {
            case .success(let dataVersion)?:
                let etag = key.entityTag(dataVersion: dataVersion)
                if request.ifNoneMatchMatches(etag) {
                    return notModified(etag: etag)
                }
                if let entry = cache.value(for: key.cacheKey(dataVersion: dataVersion, encoding: coding.variant)) {
                    return response(from: entry, cacheControl: "no-cache")
                }
                checkedVersion = dataVersion
            case .failure(let error)?:
                return await apiFailure(.analytics(error), request: request)
            case nil:
                return await apiFailure(.timedOut(what: "data_version", seconds: deadline.seconds), request: request)
            }
        }

        let computed = await deadline.run { [self] in
            async let status = Self.capture { () async throws(AnalyticsError) in try await self.analytics.status() }
            let payload = await Self.capture { () async throws(AnalyticsError) in try await self.fetch(metric, filters, cursor: cursor, scope: scope ?? .product) }
            return (payload, await status)
        }
        let payload: MetricPayload
        let status: WarehouseStatus
        switch computed {
        case (.success(let value), .success(let value2))?:
            (payload, status) = (value, value2)
        case (.failure(let error), _)?, (_, .failure(let error))?:
            return await apiFailure(.analytics(error), request: request)
        case nil:
            return await apiFailure(.timedOut(what: metric.rawValue, seconds: deadline.seconds), request: request)
        }

        let meta = APIMeta(filters: filters, status: status, generatedAt: ISOTimestamp.string(Date()),
                           queryMs: Self.milliseconds(since: started))
        var headers: [(name: String, value: String)] = []
        let body: [UInt8]
        let contentType: String
        switch format {
        case .json:
            do {
                body = try payload.envelope(meta)
            } catch {
                return await apiFailure(.analytics(.queryFailed(query: "encode \(metric.rawValue)", detail: String(describing: error))),
                                  request: request)
            }
            contentType = "application/json"
        case .csv:
            body = payload.table?.bytes() ?? []
            contentType = "text/csv; charset=utf-8"
            headers.append(("Content-Disposition", "attachment; filename=\"\(Self.csvFilename(metric, filters))\""))
            // CSV has no room for the cursors: the neighbouring pages travel as RFC 8288 links.
            if case .events(let page) = payload {
                let links = [(page.nextCursor, "next"), (page.previousCursor, "prev")].compactMap { cursor, relation in
                    cursor.map { "<\(DashboardLinks().api(.events, filters, cursor: $0, format: .csv, scope: scope ?? .product))>; rel=\"\(relation)\"" }
                }
                if !links.isEmpty { headers.append(("Link", links.joined(separator: ", "))) }
            }
        }
        // Tag and keep only an answer known to be of the version checked before: a load that
        // committed meanwhile makes the next request compute afresh.
        guard let checkedVersion, checkedVersion == status.dataVersion else {
            var response = HTTPResponse(status: .ok, headers: ["Content-Type": contentType], body: body)
            for (name, value) in headers { response.headers.set(name, value) }
            response.headers.set("Cache-Control", "no-store")
            response.headers.set("X-Content-Type-Options", "nosniff")
            return response
        }
        headers.append(("ETag", key.entityTag(dataVersion: checkedVersion)))
        let entry = encoded(body, contentType: contentType, headers: headers, coding: coding, request: request)
        cache.store(entry, for: key.cacheKey(dataVersion: checkedVersion, encoding: coding.variant))
        return response(from: entry, cacheControl: "no-cache")
    }

    /// The metric itself.
    func fetch(_ metric: APIMetric, _ filters: Filters, cursor: EventCursor?,
               scope: EventScope) async throws(AnalyticsError) -> MetricPayload {
        switch metric {
        case .summary: return .summary(try await analytics.summary(filters))
        case .timeseries: return .timeSeries(try await analytics.timeSeries(filters))
        case .eventNames: return .breakdown(try await analytics.eventNames(filters))
        case .loginStates: return .breakdown(try await analytics.loginStates(filters))
        case .categories: return .breakdown(try await analytics.categories(filters))
        case .brands: return .breakdown(try await analytics.brands(filters))
        case .products: return .products(try await analytics.products(filters))
        case .funnel: return .funnel(try await analytics.funnel(filters))
        case .heatmap: return .heatmap(try await analytics.heatmap(filters))
        case .events: return .events(try await analytics.events(filters, scope: scope, cursor: cursor))
        case .pipeline:
            return .pipeline(try await analytics.pipeline(filters, schedule: await schedule(),
                                                          geographyDatabase: configuration.geographyDatabase))
        }
    }

    /// `clickstream-products-2025-12-01_2025-12-07.csv`: only letters, digits, `-`, `_` and `.`.
    static func csvFilename(_ metric: APIMetric, _ filters: Filters) -> String {
        let raw = "clickstream-\(metric.rawValue)-\(filters.fromText)_\(filters.toText)"
        let safe = String(raw.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return Character(scalar)
            default: return "-"
            }
        })
        return safe + ".csv"
    }

    /// The body in the encoding the client takes, compressed once here so the cache keeps the
    /// gzip bytes (the server leaves a body with `Content-Encoding` alone).
    func encoded(_ body: [UInt8], contentType: String, headers: [(name: String, value: String)],
                 coding: ContentCoding, request: HTTPRequest) -> ResponseCache.Entry {
        if coding.encoding(forSize: body.count) == "gzip" {
            do {
                let compressed = try Gzip.compress(body, level: ContentCoding.level)
                return ResponseCache.Entry(body: compressed, contentType: contentType, contentEncoding: "gzip", headers: headers)
            } catch {
                logger.error("response compression failed", metadata: ["http.request_id": "\(request.requestID)", "error": "\(error)"])
            }
        }
        return ResponseCache.Entry(body: body, contentType: contentType, contentEncoding: nil, headers: headers)
    }

    func response(from entry: ResponseCache.Entry, cacheControl: String) -> HTTPResponse {
        var response = HTTPResponse(status: .ok, headers: ["Content-Type": entry.contentType], body: entry.body)
        if let encoding = entry.contentEncoding { response.headers.set("Content-Encoding", encoding) }
        response.headers.set("Vary", "Accept-Encoding")
        for (name, value) in entry.headers { response.headers.set(name, value) }
        response.headers.set("Cache-Control", cacheControl)
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }

    func notModified(etag: String) -> HTTPResponse {
        HTTPResponse(status: .notModified, headers: [
            "ETag": etag, "Vary": "Accept-Encoding", "Cache-Control": "no-cache",
        ])
    }

    /// A 503 carries the scheduler's state: during an outage it is all a script can learn of the ETL.
    func apiFailure(_ failure: LoadFailure, request: HTTPRequest) async -> HTTPResponse {
        logFailure(failure, request: request)
        let text = FailureText(failure, requestID: request.requestID)
        let unavailable = text.status == .serviceUnavailable
        let scheduler: PipelineSchedule?? = unavailable ? .some(await outageSchedule()) : nil
        var response = jsonError(status: text.status, parameter: nil, message: "\(text.title). \(text.hint)",
                                 scheduler: scheduler, request: request)
        if unavailable { response.headers.set("Retry-After", "30") }
        return response
    }

    /// An async call's outcome as a value, so `async let` keeps the typed error.
    static func capture<T>(_ body: () async throws(AnalyticsError) -> T) async -> Result<T, AnalyticsError> {
        do throws(AnalyticsError) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        (seconds(since: start) * 1_000_000).rounded() / 1_000
    }

    func jsonError(status: HTTPStatus, parameter: String?, message: String, scheduler: PipelineSchedule?? = nil,
                   request: HTTPRequest) -> HTTPResponse {
        let body = APIErrorBody(parameter: parameter, message: message, requestID: request.requestID, scheduler: scheduler)
        let bytes = (try? Self.jsonEncoder().encode(body)).map(Array.init)
            ?? Array(#"{"error":{"message":"error"}}"#.utf8)
        var response = HTTPResponse.json(bytes, status: status)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }

    /// Sorted keys: the same data always gives the same bytes.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
