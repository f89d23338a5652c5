import Analytics
@testable import Dashboard
import Foundation
import HTTP
import TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    typealias Support = DashboardTestSupport

    static func document(_ app: DashboardApp) throws -> [String: Any] {
        let response = app.openAPIDocument(Support.get(DashboardLinks.openAPIPath))
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        return try Support.json(response)
    }

    @Test("every path, metric parameter and error response is described")
    func describesEveryPath() throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let document = try Self.document(try Support.app(pool: pool))
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/healthz", "/readyz", "/metrics", "/sbw_dashboard", DashboardLinks.openAPIPath] {
            #expect(paths[path] != nil, "\(path)")
        }
        for metric in APIMetric.allCases {
            let get = (paths[DashboardLinks.apiPath + metric.rawValue] as? [String: Any])?["get"] as? [String: Any]
            let parameters = (get?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(parameters).isSuperset(of: Filters.parameterNames.union(["format"])), "\(metric)")
            #expect(parameters.contains("cursor") == (metric == .events), "\(metric)")
            let responses = get?["responses"] as? [String: Any] ?? [:]
            #expect(Set(responses.keys).isSuperset(of: ["200", "400", "500", "503"]), "\(metric)")
            #expect((responses["304"] != nil) == metric.isVersioned, "\(metric)")
            let content = (responses["200"] as? [String: Any])?["content"] as? [String: Any] ?? [:]
            #expect((content["text/csv"] != nil) == metric.formats.contains(.csv), "\(metric)")
        }
    }

    @Test("every metric's real response matches its schema, key for key and type for type")
    func responsesMatchTheirSchemas() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await Support.insertPipeline(db.pool)
            let schedule = PipelineSchedule(intervalSeconds: 3_600, isRunning: false, runningSince: nil,
                                            nextRunAt: "2026-01-01T10:00:00Z", lastSucceededAt: "2026-01-01T09:00:00Z",
                                            lastError: nil, consecutiveFailures: 0)
            let app = try Support.app(pool: db.pool, schedule: { schedule })
            let checker = SchemaChecker(document: try Self.document(app))
            for metric in APIMetric.allCases {
                let response = await app.api(metric, Support.get("/sbw_dashboard/api/v1/\(metric.rawValue)?tz=Asia/Kathmandu"))
                #expect(response.status == .ok, "\(metric)")
                let body = try JSONSerialization.jsonObject(with: Data(response.body))
                let problems = checker.check(body, against: OpenAPISchemas.envelopeName(metric))
                #expect(problems.isEmpty, "\(metric): \(problems)")
                // Lists with items, so the item schemas were exercised too.
                let data = (body as? [String: Any])?["data"]
                #expect(metric == .summary || Self.hasNonEmptyArray(data as Any), "\(metric)")
            }
            let error = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?from=tomorrow"))
            #expect(checker.check(try JSONSerialization.jsonObject(with: Data(error.body)), against: "Error").isEmpty)
        }
    }

    @Test("a 503 matches the Unavailable schema, with a scheduler and with none")
    func unavailableMatchesItsSchema() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let schedule = PipelineSchedule(intervalSeconds: 3_600, isRunning: false, runningSince: nil, nextRunAt: "2026-01-01T10:00:00Z",
                                        lastSucceededAt: nil, lastError: "connection refused", consecutiveFailures: 2)
        for app in [try Support.app(pool: pool, schedule: { schedule }), try Support.app(pool: pool)] {
            let checker = SchemaChecker(document: try Self.document(app))
            let response = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary"))
            #expect(response.status == .serviceUnavailable)
            let problems = checker.check(try JSONSerialization.jsonObject(with: Data(response.body)), against: "Unavailable")
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    static func hasNonEmptyArray(_ value: Any) -> Bool {
        if let array = value as? [Any] { return !array.isEmpty }
        if let object = value as? [String: Any] { return object.values.contains(where: hasNonEmptyArray) }
        return false
    }

    @Test("the checker itself catches a missing key, an extra key, a wrong type and a bad null")
    func checkerCatchesMismatches() throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let checker = SchemaChecker(document: try Self.document(try Support.app(pool: pool)))
        let good: [String: Any] = ["label": "AULA", "count": 3, "share": 0.5]
        #expect(checker.check(good, against: "RankedCount").isEmpty)
        #expect(checker.check(["label": "AULA", "count": 3], against: "RankedCount") == ["$.share: required but missing"])
        #expect(checker.check(good.merging(["extra": 1]) { $1 }, against: "RankedCount") == ["$.extra: not in the schema"])
        #expect(checker.check(good.merging(["count": 2.5]) { $1 }, against: "RankedCount") == ["$.count: expected an integer, got 2.5"])
        #expect(checker.check(good.merging(["label": NSNull()]) { $1 }, against: "RankedCount")
                == ["$.label: null but the schema is not nullable"])
        let kpi: [String: Any] = ["current": NSNull(), "previous": 1, "change": NSNull(), "change_ratio": NSNull()]
        #expect(checker.check(kpi, against: "KPI").isEmpty)
    }
}
