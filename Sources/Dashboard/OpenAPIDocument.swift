import Analytics
import Foundation

/// The OpenAPI 3.0 description of `/sbw_dashboard/api/v1/` and the operational endpoints, served at
/// `/sbw_dashboard/api/v1/openapi.json`. A test checks every metric's real response against it.
struct OpenAPIDocument: Sendable {
    let maxRangeDays: Int

    typealias S = OpenAPISchemas

    func bytes() -> [UInt8] {
        (try? DashboardApp.jsonEncoder().encode(document)).map(Array.init) ?? Array("{}".utf8)
    }

    var document: JSONValue {
        var paths: [String: JSONValue] = [:]
        for metric in APIMetric.allCases {
            paths[DashboardLinks.apiPath + metric.rawValue] = ["get": operation(metric)]
        }
        paths[DashboardLinks.openAPIPath] = ["get": [
            "summary": "This document.", "operationId": "openapi", "tags": ["meta"],
            "responses": ["200": ["description": "OpenAPI 3.0 JSON.", "content": ["application/json": ["schema": ["type": "object"]]]]],
        ]]
        paths[DashboardLinks.pagePath] = ["get": [
            "summary": "The dashboard page (HTML) for the same filters.", "operationId": "page", "tags": ["page"],
            "parameters": .array(filterParameters + [cursorParameter, scopeParameter]),
            "responses": [
                "200": ["description": "The page.", "content": ["text/html": ["schema": ["type": "string"]]]],
                "400": ["description": "A filter was not understood: the page with the form and the message.",
                        "content": ["text/html": ["schema": ["type": "string"]]]],
                "503": ["description": "The warehouse is unavailable.", "content": ["text/html": ["schema": ["type": "string"]]]],
            ],
        ]]
        paths["/healthz"] = ["get": plain("healthz", "The process is up (does not touch the database).", ["200": "ok"])]
        paths["/readyz"] = ["get": plain("readyz", "Ready to serve: the warehouse answers and its schema is current.",
                                         ["200": "ready, with the schema version", "503": "not ready, with the reason"])]
        paths["/metrics"] = ["get": plain("metrics", "Prometheus text exposition (version 0.0.4): requests, latencies, ETL runs, rows, rejects, lag.",
                                          ["200": "the metrics"])]
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "clickstream dashboard API",
                "version": "1",
                "description": .string("""
                    Every metric of the dashboard as JSON in one envelope ({"meta", "data"}), or as RFC 4180 CSV with \
                    ?format=csv for tabular metrics (CSV text cells that start like a spreadsheet formula get a leading '). \
                    Answers carry a weak ETag made of the data version and the normalized query: If-None-Match gets 304 \
                    until the next load commits. Bodies are gzipped when Accept-Encoding allows it. Ranges are at most \
                    \(maxRangeDays) days.
                    """),
            ],
            "tags": [["name": "metrics"], ["name": "operations"], ["name": "page"], ["name": "meta"]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(S.all),
                "responses": [
                    "BadRequest": ["description": "A parameter was not understood; error.parameter names it.",
                                   "content": ["application/json": ["schema": S.ref("Error")]]],
                    "Unavailable": ["description": "The warehouse is down, not migrated, or did not answer in time. Retry-After is set.",
                                    "content": ["application/json": ["schema": S.ref("Unavailable")]]],
                    "ServerError": ["description": "An unexpected failure; the detail is in the server log under request_id.",
                                    "content": ["application/json": ["schema": S.ref("Error")]]],
                ],
            ],
        ]
    }

    private func operation(_ metric: APIMetric) -> JSONValue {
        let data = S.dataSchemas.first { $0.0 == metric }?.1 ?? "Summary"
        var content: [String: JSONValue] = ["application/json": ["schema": S.ref(S.envelopeName(metric))]]
        if metric.formats.contains(.csv) {
            content["text/csv"] = ["schema": ["type": "string", "description": .string(csvDescription(metric))]]
        }
        var headers: [String: JSONValue] = [
            "Vary": ["schema": ["type": "string"], "description": "Accept-Encoding"],
            "X-Request-Id": ["schema": ["type": "string"]],
        ]
        var responses: [String: JSONValue] = [
            "400": ["$ref": "#/components/responses/BadRequest"],
            "500": ["$ref": "#/components/responses/ServerError"],
            "503": ["$ref": "#/components/responses/Unavailable"],
        ]
        if metric.isVersioned {
            headers["ETag"] = ["schema": ["type": "string"], "description": "W/\"<data_version>-<hash of the normalized query>\""]
            responses["304"] = ["description": "Not modified: If-None-Match matched; no load committed and no ETL run succeeded since."]
        }
        responses["200"] = ["description": .string("The \(metric.rawValue) metric (data: \(data))."), "headers": .object(headers),
                            "content": .object(content)]
        var parameters = filterParameters + [formatParameter(metric)]
        if metric.takesCursor { parameters += [cursorParameter, scopeParameter] }
        return [
            "summary": .string(summaries[metric] ?? metric.rawValue),
            "operationId": .string(S.envelopeName(metric).replacingOccurrences(of: "Response", with: "")),
            "tags": ["metrics"],
            "parameters": .array(parameters),
            "responses": .object(responses),
        ]
    }

    private func csvDescription(_ metric: APIMetric) -> String {
        let header = MetricPayload.emptyTableHeader(metric).joined(separator: ",")
        return "Header row: \(header)"
    }

    private var filterParameters: [JSONValue] {
        [
            parameter("from", "First day (YYYY-MM-DD, in tz) or instant (ISO 8601). Default: 6 days before to.", pattern: nil),
            parameter("to", "Last day, inclusive (YYYY-MM-DD), or end instant, exclusive (ISO 8601). Default: today in tz.", pattern: nil),
            parameter("tz", "IANA time zone for days, hours and local times. Default: the server's TIMEZONE, else UTC.", pattern: nil),
            parameter("login_state", "Exact user_login_state; unknown selects events without one.", pattern: nil),
            parameter("event_name", "Exact event name.", pattern: nil),
            parameter("category", "Exact product category.", pattern: nil),
            parameter("brand", "Exact product brand.", pattern: nil),
        ]
    }

    private func formatParameter(_ metric: APIMetric) -> JSONValue {
        [
            "name": "format", "in": "query", "required": false,
            "description": "json (the envelope, default) or csv (the data as a table).",
            "schema": ["type": "string", "enum": .array(metric.formats.map { .string($0.rawValue) }), "default": "json"],
        ]
    }

    private var cursorParameter: JSONValue {
        parameter("cursor", "Opaque keyset cursor from next_cursor or previous_cursor.", pattern: "^[A-Za-z0-9_-]{1,200}$")
    }

    private var scopeParameter: JSONValue {
        [
            "name": "scope", "in": "query", "required": false,
            "description": "product (events with a product, the default) or all.",
            "schema": ["type": "string", "enum": .array(EventScope.allCases.map { .string($0.rawValue) }), "default": "product"],
        ]
    }

    private func parameter(_ name: String, _ description: String, pattern: String?) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "maxLength": 200]
        if let pattern { schema["pattern"] = .string(pattern) }
        return ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": .object(schema)]
    }

    private func plain(_ id: String, _ summary: String, _ statuses: [String: String]) -> JSONValue {
        var responses: [String: JSONValue] = [:]
        for (status, description) in statuses {
            responses[status] = ["description": .string(description), "content": ["text/plain": ["schema": ["type": "string"]]]]
        }
        return ["summary": .string(summary), "operationId": .string(id), "tags": ["operations"], "responses": .object(responses)]
    }

    private var summaries: [APIMetric: String] {
        [
            .summary: "KPIs for the range and the previous period of equal length.",
            .timeseries: "Events per hour (ranges up to two days) or per local day, gaps as zeros.",
            .eventNames: "Top event types.",
            .loginStates: "Events by login state (missing → unknown).",
            .categories: "Top product categories (product events only).",
            .brands: "Top product brands (product events only).",
            .products: "Top products by views, with add-to-carts and their rate.",
            .funnel: "Sessions through product view → add to cart → checkout start → checkout complete.",
            .heatmap: "Events by local weekday and hour.",
            .events: "Raw events, newest first, 20 a page, keyset paging.",
            .pipeline: "ETL health: runs, rejects by reason, hourly loads, unknown fields, freshness, schedule.",
        ]
    }
}
