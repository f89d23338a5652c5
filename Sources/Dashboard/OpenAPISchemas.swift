/// The OpenAPI 3.0 schemas of every JSON body the API sends. Objects list all their keys as
/// required and allow no others, so the test that checks real responses against them catches a
/// renamed, added or dropped key on either side.
enum OpenAPISchemas {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func object(_ properties: [String: JSONValue], description: String? = nil) -> JSONValue {
        var schema: JSONValue = [
            "type": "object", "additionalProperties": false,
            "required": .array(properties.keys.sorted().map { .string($0) }),
            "properties": .object(properties),
        ]
        if let description { schema = schema.merging(["description": .string(description)]) }
        return schema
    }

    static func string(_ description: String? = nil, format: String? = nil, nullable: Bool = false) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        if let format { schema["format"] = .string(format) }
        if let description { schema["description"] = .string(description) }
        if nullable { schema["nullable"] = true }
        return .object(schema)
    }

    static func integer(_ description: String? = nil, format: String = "int64", minimum: Int? = 0, maximum: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "format": .string(format)]
        if let minimum { schema["minimum"] = .integer(minimum) }
        if let maximum { schema["maximum"] = .integer(maximum) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func number(_ description: String? = nil, nullable: Bool = false) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "number", "format": "double"]
        if let description { schema["description"] = .string(description) }
        if nullable { schema["nullable"] = true }
        return .object(schema)
    }

    static func array(_ items: JSONValue, _ description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func nullableRef(_ name: String, _ description: String? = nil) -> JSONValue {
        var schema: JSONValue = ["allOf": [ref(name)], "nullable": true]
        if let description { schema = schema.merging(["description": .string(description)]) }
        return schema
    }

    static func enumeration(_ values: [String], _ description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "enum": .array(values.map { .string($0) })]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// Every schema by name.
    static var all: [String: JSONValue] {
        var schemas: [String: JSONValue] = [
            "Filters": object([
                "from": string("The range's first day (YYYY-MM-DD) or instant, as given or defaulted."),
                "to": string("The range's last day (inclusive) or end instant (exclusive)."),
                "start": string("First instant included.", format: "date-time"),
                "end": string("First instant excluded.", format: "date-time"),
                "time_zone": string("IANA zone of day buckets and local times."),
                "granularity": enumeration(["hour", "day"], "Bucket width of the time series: hour up to two days, else day."),
                "login_state": string(nullable: true), "event_name": string(nullable: true),
                "category": string(nullable: true), "brand": string(nullable: true),
            ], description: "The filters after defaults and parsing."),
            "Meta": object([
                "filters": ref("Filters"),
                "time_zone": string(),
                "data_version": integer("Bumped by every committed load; part of the ETag."),
                "latest_event": string("Newest event time in the warehouse; null when empty.", format: "date-time", nullable: true),
                "data_complete_up_to": string("Start of the last succeeded ETL run: every lake object that existed then is loaded.",
                                              format: "date-time", nullable: true),
                "generated_at": string(format: "date-time"),
                "query_ms": number("Server time spent on this answer."),
            ]),
            "KPI": object([
                "current": number(nullable: true), "previous": number("The previous period of equal length.", nullable: true),
                "change": number("current - previous", nullable: true),
                "change_ratio": number("(current - previous) / previous; null when previous is 0 or null.", nullable: true),
            ], description: "One number for the range next to the previous period's; null when undefined."),
            "Summary": object([
                "events": ref("KPI"), "unique_clients": ref("KPI"), "logged_in_users": ref("KPI"), "sessions": ref("KPI"),
                "events_per_session": ref("KPI"), "new_clients": ref("KPI"), "checkout_rate": ref("KPI"),
                "conversion": ref("KPI"), "checkouts": ref("KPI"), "add_to_carts": ref("KPI"), "revenue": ref("KPI"),
            ]),
            "TimeSeriesPoint": object([
                "start": string(format: "date-time"), "label": string("Local bucket: YYYY-MM-DD or YYYY-MM-DD HH:00."),
                "events": integer(),
            ]),
            "TimeSeries": object([
                "granularity": enumeration(["hour", "day"]), "time_zone": string(),
                "points": array(ref("TimeSeriesPoint"), "Every bucket of the range, empty ones as zeros."),
            ]),
            "RankedCount": object(["label": string(), "count": integer(), "share": number("count / total, 0…1.")]),
            "Breakdown": object([
                "items": array(ref("RankedCount"), "Count descending, then label."),
                "total": integer("Events over every label, also those not listed."),
            ]),
            "ProductRow": object([
                "product_id": string(), "name": string(nullable: true), "category": string(nullable: true),
                "brand": string(nullable: true), "views": integer(), "add_to_carts": integer(),
                "rate": number("add_to_carts / views; null without views.", nullable: true),
            ]),
            "ProductBreakdown": object([
                "items": array(ref("ProductRow")), "total_views": integer(), "total_add_to_carts": integer(),
            ]),
            "FunnelStep": object([
                "step": string(), "order": integer(minimum: 1), "sessions": integer(),
                "from_previous": number(nullable: true), "from_first": number(nullable: true),
            ]),
            "Funnel": object(["steps": array(ref("FunnelStep"))]),
            "HeatmapCell": object([
                "weekday": integer("ISO weekday, 1 = Monday.", minimum: 1, maximum: 7),
                "hour": integer("Local hour.", minimum: 0, maximum: 23), "events": integer(),
            ]),
            "Heatmap": object(["time_zone": string(), "cells": array(ref("HeatmapCell"), "All 168 cells."), "max_events": integer()]),
            "EventRecord": object([
                "event_id": string(format: "uuid"), "event_timestamp": string(format: "date-time"),
                "local_time": string("Wall-clock time in the filters' zone."), "event_name": string(),
                "user_login_state": string(nullable: true), "user_id": string(nullable: true),
                "client_id": string(nullable: true), "session_id": string(nullable: true),
                "product_id": string(nullable: true), "product_name": string(nullable: true),
                "product_category": string(nullable: true), "product_brand": string(nullable: true),
                "product_price": string("Decimal text, exact.", nullable: true),
                "order_total": string("Decimal text, exact.", nullable: true), "page_url": string(nullable: true),
            ]),
            "EventPage": object([
                "events": array(ref("EventRecord"), "Newest first."),
                "next_cursor": string("Pass as ?cursor= for older events; null on the last page.", nullable: true),
                "previous_cursor": string("Pass as ?cursor= for newer events; null on the first page.", nullable: true),
                "page_size": integer(),
            ]),
            "Error": object(["error": ref("ErrorDetail")]),
            "ErrorDetail": object([
                "parameter": string("The query parameter at fault; null when the server, not the request, failed.", nullable: true),
                "message": string(), "request_id": string("Also in the X-Request-Id header and the server log."),
            ]),
            "Unavailable": object([
                "error": ref("ErrorDetail"),
                "scheduler": nullableRef("PipelineSchedule",
                                         "This server's ETL scheduler (retrying, next run, last error); null when it runs none."),
            ]),
        ]
        for (name, schema) in pipelineSchemas { schemas[name] = schema }
        for (metric, data) in dataSchemas { schemas[envelopeName(metric)] = object(["meta": ref("Meta"), "data": ref(data)]) }
        return schemas
    }

    static var pipelineSchemas: [String: JSONValue] {
        [
            "PipelineRun": object([
                "run_id": integer(), "started_at": string(format: "date-time"),
                "finished_at": string(format: "date-time", nullable: true),
                "status": enumeration(["running", "succeeded", "failed"]), "trigger": string(),
                "objects": integer(), "events": integer(), "duplicates": integer(), "rejects": integer(),
                "error": string(nullable: true),
            ]),
            "PipelineTotals": object(["objects": integer(), "rows": integer(), "duplicates": integer(), "rejects": integer()]),
            "PipelineHour": object(["hour": string(format: "date-time"), "objects": integer(), "rows": integer()]),
            "RejectSample": object([
                "object_key": string(), "position": integer(), "detail": string(nullable: true),
                "excerpt": string(nullable: true), "rejected_at": string(format: "date-time"),
            ]),
            "RejectReasonCount": object(["reason": string(), "count": integer(), "samples": array(ref("RejectSample"))]),
            "UnknownField": object([
                "dialect": string(), "name": string(), "count": integer(),
                "first_seen": string(format: "date-time"), "last_seen": string(format: "date-time"),
                "example": string(nullable: true),
            ]),
            "PipelineSchedule": object([
                "interval_seconds": number(), "is_running": ["type": "boolean"],
                "running_since": string(format: "date-time", nullable: true),
                "next_run_at": string(format: "date-time", nullable: true),
                "last_succeeded_at": string(format: "date-time", nullable: true),
                "last_error": string(nullable: true), "consecutive_failures": integer(),
            ]),
            "NotDerivedCount": object([
                "reason": string(), "field": string(), "events": integer(),
                "first_seen": string(format: "date-time"), "last_seen": string(format: "date-time"),
            ]),
            "PipelineEnrichment": object([
                "geography_database": string(nullable: true),
                "not_derived": array(ref("NotDerivedCount"), "Loaded events with a derived field left NULL, by reason, all time."),
                "rows_not_enriched": integer(),
            ]),
            "PipelineHealth": object([
                "runs": array(ref("PipelineRun"), "Newest first, at most 20."),
                "data_complete_up_to": string(format: "date-time", nullable: true),
                "latest_event": string(format: "date-time", nullable: true),
                "lag_seconds": number("Newest event to now.", nullable: true),
                "totals": ref("PipelineTotals"), "hourly": array(ref("PipelineHour")),
                "rejects_by_reason": array(ref("RejectReasonCount")), "unknown_fields": array(ref("UnknownField")),
                "schedule": nullableRef("PipelineSchedule"), "enrichment": ref("PipelineEnrichment"),
            ]),
        ]
    }

    /// The data schema of each metric.
    static let dataSchemas: [(APIMetric, String)] = [
        (.summary, "Summary"), (.timeseries, "TimeSeries"), (.eventNames, "Breakdown"), (.loginStates, "Breakdown"),
        (.categories, "Breakdown"), (.brands, "Breakdown"), (.products, "ProductBreakdown"), (.funnel, "Funnel"),
        (.heatmap, "Heatmap"), (.events, "EventPage"), (.pipeline, "PipelineHealth"),
    ]

    /// `SummaryResponse`, `EventNamesResponse`, …
    static func envelopeName(_ metric: APIMetric) -> String {
        metric.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Response"
    }
}
