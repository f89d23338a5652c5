import Analytics
@testable import Dashboard
import Foundation
import HTTP
import TestSupport
import Testing

@Suite("Dashboard page and API")
struct DashboardAppTests {
    typealias Support = DashboardTestSupport

    @Test("the page renders KPIs, charts and the events table, escaping a <script> product name")
    func pageEscapesEventText() async throws {
        try await withTestDatabase { db in
            try await Support.insertEvents(db.pool, [
                ("product_view", "<script>alert(1)</script>", "AULA", 1),
                ("product_view", "Bàn phím AULA M75", "<img src=x onerror=alert(2)>", 2),
                ("add_to_cart_click", "Bàn phím AULA M75", "AULA", 2.5),
                ("checkout_complete", nil, nil, 3),
            ])
            let app = try Support.app(pool: db.pool)
            let response = await app.page(Support.get("/sbw_dashboard"))
            let html = Support.text(response)
            #expect(response.status == .ok)
            #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
            #expect(response.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(html.contains("Bàn phím AULA M75"))
            #expect(html.contains("class=\"card kpi\""))
            #expect(html.contains("Events over time"))
            #expect(html.contains("Top brands"))
            #expect(html.contains("1,990,000"))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("/sbw_dashboard/api/v1/events?"))
            #expect(!html.contains("No events yet"))
        }
    }

    @Test("an empty warehouse shows how to load events")
    func emptyWarehouse() async throws {
        try await withTestDatabase { db in
            let app = try Support.app(pool: db.pool)
            let response = await app.page(Support.get("/sbw_dashboard/"))
            let html = Support.text(response)
            #expect(response.status == .ok)
            #expect(html.contains("No events yet"))
            #expect(html.contains("clickstream etl"))
            #expect(!html.contains("class=\"card kpi\""))
        }
    }

    @Test("a bad from is a 400 page that repeats the value and names the parameter near the form")
    func badFilterPage() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool)
        let response = await app.page(Support.get("/sbw_dashboard?from=%3Cb%3Eyesterday&to=2025-12-01"))
        let html = Support.text(response)
        #expect(response.status == .badRequest)
        #expect(html.contains("role=\"alert\""))
        #expect(html.contains("<code>from</code>"))
        #expect(html.contains("value=\"&lt;b&gt;yesterday\""))
        #expect(!html.contains("<b>yesterday"))
        #expect(html.contains("<form"))
    }

    @Test("an unreachable warehouse is a plain-words 503 page and a JSON 503, never a stack trace")
    func warehouseDown() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool)
        let page = await app.page(Support.get("/sbw_dashboard"))
        let html = Support.text(page)
        #expect(page.status == .serviceUnavailable)
        #expect(page.headers["Retry-After"] == "30")
        #expect(html.contains("The warehouse is unavailable"))
        #expect(html.contains("test-request"))
        #expect(!html.contains("nonexistent-socket-dir"))
        #expect(!html.contains("PostgresError"))
        let api = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary"))
        #expect(api.status == .serviceUnavailable)
        let error = try Support.json(api)["error"] as? [String: Any]
        #expect((error?["message"] as? String)?.hasPrefix("The warehouse is unavailable") == true)
        #expect(!Support.text(api).contains("nonexistent-socket-dir"))
    }

    static let failingSchedule = PipelineSchedule(
        intervalSeconds: 3_600, isRunning: false, runningSince: nil, nextRunAt: "2026-01-01T10:05:00Z",
        lastSucceededAt: "2026-01-01T07:00:00Z",
        lastError: #"PostgreSQL connection error in connect: connection to server on socket "/secret-socket-dir/.s.PGSQL.5432" failed"#,
        consecutiveFailures: 3)

    @Test("during an outage the 503 page shows what the ETL scheduler is doing: failures in a row, the last error, the next run")
    func outagePageShowsTheScheduler() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool, schedule: { Self.failingSchedule })
        let page = await app.page(Support.get("/sbw_dashboard?tz=Asia/Ho_Chi_Minh"))
        let html = Support.text(page)
        #expect(page.status == .serviceUnavailable)
        #expect(html.contains("The ETL in this server"))
        #expect(html.contains("Failed runs in a row"))
        #expect(html.contains("PostgreSQL connection error in connect (the details are in the server log)"))
        #expect(!html.contains("secret-socket-dir"))
        #expect(html.contains("Next run"))
        #expect(html.contains("17:05"))  // 10:05 UTC in the page's zone
        #expect(html.contains("Last successful run"))
        #expect(html.contains(#"href="/sbw_dashboard?"#) && html.contains("tz=Asia%2FHo_Chi_Minh\">Try again"), "the filters are kept")
    }

    @Test("a 503 page from a server without a scheduler has no ETL section")
    func outagePageWithoutScheduler() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let html = Support.text(await (try Support.app(pool: pool)).page(Support.get("/sbw_dashboard")))
        #expect(html.contains("The warehouse is unavailable"))
        #expect(!html.contains("The ETL in this server"))
    }

    @Test("an API 503 carries the scheduler's state; a 400 carries no scheduler key")
    func outageAPICarriesTheScheduler() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool, schedule: { Self.failingSchedule })
        let down = try Support.json(await app.api(.pipeline, Support.get("/sbw_dashboard/api/v1/pipeline")))
        let scheduler = down["scheduler"] as? [String: Any]
        #expect(scheduler?["consecutive_failures"] as? Int == 3)
        #expect(scheduler?["last_error"] as? String == "PostgreSQL connection error in connect (the details are in the server log)")
        #expect(scheduler?["next_run_at"] as? String == "2026-01-01T10:05:00Z")
        let bad = try Support.json(await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?from=nope")))
        #expect(bad["scheduler"] == nil)
        #expect(bad["error"] != nil)
    }

    @Test("raw events: product events by default, scope=all for every event, on the API and the page; a bad scope is a 400")
    func eventScopes() async throws {
        try await withTestDatabase { db in
            try await Support.insertEvents(db.pool, [("page_view", nil, nil, 2), ("product_view", "Chuột G102", "Logitech", 1)])
            let app = try Support.app(pool: db.pool)
            func names(_ query: String) async throws -> [String] {
                let body = try Support.json(await app.api(.events, Support.get("/sbw_dashboard/api/v1/events" + query)))
                let events = (body["data"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
                return events.compactMap { $0["event_name"] as? String }
            }
            #expect(try await names("") == ["product_view"])
            #expect(try await names("?scope=all") == ["product_view", "page_view"])
            let bad = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events?scope=some"))
            #expect(bad.status == .badRequest)
            #expect((try Support.json(bad)["error"] as? [String: Any])?["parameter"] as? String == "scope")
            let all = Support.text(await app.page(Support.get("/sbw_dashboard?scope=all")))
            #expect(all.contains(#"aria-current="true">All events"#))
            #expect(all.contains("page_view"))
            #expect(all.contains("/sbw_dashboard/api/v1/events?") && all.contains("scope=all"))
            let csv = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events?scope=all&format=csv"))
            #expect(csv.headers["Link"] == nil, "one page: no neighbours")
            let products = Support.text(await app.page(Support.get("/sbw_dashboard")))
            #expect(products.contains(#"aria-current="true">Product events"#))
        }
    }

    @Test("under the API, an unknown resource is a JSON 404 naming the metrics and another method a JSON 405 with Allow")
    func apiErrorsAreJSON() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        var router = HTTPRouter()
        (try Support.app(pool: pool)).register(on: &router)
        let unknown = try await router.respond(to: Support.get("/sbw_dashboard/api/v1/nope"))
        #expect(unknown.status == .notFound)
        #expect(unknown.headers["Content-Type"] == "application/json")
        #expect(((try Support.json(unknown)["error"] as? [String: Any])?["message"] as? String)?.contains("summary, timeseries") == true)
        let post = try await router.respond(to: HTTPRequest(method: .post, target: "/sbw_dashboard/api/v1/summary", requestID: "t"))
        #expect(post.status == .methodNotAllowed)
        #expect(post.headers["Allow"] == "GET, HEAD")
        #expect((try Support.json(post)["error"] as? [String: Any])?["message"] != nil)
        let document = try await router.respond(to: Support.get("/sbw_dashboard/api/v1/openapi.json"))
        #expect(document.status == .ok)
        let postDocument = try await router.respond(to: HTTPRequest(method: .post, target: "/sbw_dashboard/api/v1/openapi.json", requestID: "t"))
        #expect(postDocument.status == .methodNotAllowed)
        #expect(postDocument.headers["Content-Type"] == "application/json")
    }

    @Test("the events CSV links its next and previous pages in a Link header, with the same view")
    func eventsCSVLinksItsPages() async throws {
        try await withTestDatabase { db in
            try await Support.insertEvents(db.pool, (0..<25).map { ("click", nil, nil, Double($0) / 100) })
            let app = try Support.app(pool: db.pool)
            let first = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events?scope=all&format=csv"))
            let link = try #require(first.headers["Link"])
            #expect(link.hasPrefix("</sbw_dashboard/api/v1/events?"))
            #expect(link.hasSuffix(#">; rel="next""#))
            #expect(link.contains("scope=all") && link.contains("format=csv") && link.contains("cursor="))
            let next = String(link.dropFirst().prefix { $0 != ">" })
            let second = await app.api(.events, Support.get(next))
            #expect(Support.text(second).split(separator: "\r\n").count == 1 + 5)
            #expect(second.headers["Link"]?.contains(#"rel="prev""#) == true)
        }
    }

    @Test("the API answers every metric in the one envelope")
    func apiEnvelope() async throws {
        try await withTestDatabase { db in
            try await Support.insertEvents(db.pool, [("product_view", "Chuột G102", "Logitech", 1)])
            let app = try Support.app(pool: db.pool)
            for metric in APIMetric.allCases {
                let response = await app.api(metric, Support.get("/sbw_dashboard/api/v1/\(metric.rawValue)?tz=Asia/Ho_Chi_Minh"))
                #expect(response.status == .ok, "\(metric)")
                #expect(response.headers["Content-Type"] == "application/json")
                let body = try Support.json(response)
                let meta = body["meta"] as? [String: Any]
                #expect(meta?["time_zone"] as? String == "Asia/Ho_Chi_Minh")
                #expect(meta?["data_version"] as? Int == 0)
                #expect(meta?["generated_at"] is String)
                #expect(meta?["query_ms"] is Double || meta?["query_ms"] is Int)
                let filters = meta?["filters"] as? [String: Any]
                #expect(filters?["from"] is String)
                #expect(filters?["granularity"] as? String == "day")
                #expect(body["data"] != nil)
            }
            let summary = try Support.json(await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary")))
            let events = (summary["data"] as? [String: Any])?["events"] as? [String: Any]
            #expect(events?["current"] as? Int == 1)
            let brands = try Support.json(await app.api(.brands, Support.get("/sbw_dashboard/api/v1/brands")))
            let items = (brands["data"] as? [String: Any])?["items"] as? [[String: Any]]
            #expect(items?.first?["label"] as? String == "Logitech")
        }
    }

    @Test("a bad from or cursor is a 400 JSON error naming the parameter", arguments: [
        ("/sbw_dashboard/api/v1/summary?from=2025-13-40", "from"),
        ("/sbw_dashboard/api/v1/events?cursor=garbage!", "cursor"),
        ("/sbw_dashboard/api/v1/timeseries?tz=Nowhere/City", "tz"),
    ])
    func badParameterJSON(target: String, parameter: String) async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool)
        let metric = APIMetric(rawValue: String(target.split(separator: "/").last?.split(separator: "?").first ?? "")) ?? .summary
        let response = await app.api(metric, Support.get(target))
        #expect(response.status == .badRequest)
        let error = try Support.json(response)["error"] as? [String: Any]
        #expect(error?["parameter"] as? String == parameter)
        #expect((error?["message"] as? String)?.isEmpty == false)
    }

    @Test("routes: / redirects, both page paths answer, static files are served")
    func routes() async throws {
        try await withTestDatabase { db in
            let app = try Support.app(pool: db.pool)
            var router = HTTPRouter()
            app.register(on: &router)
            let root = try await router.respond(to: Support.get("/"))
            #expect(root.status == .found)
            #expect(root.headers["Location"] == "/sbw_dashboard")
            #expect(try await router.respond(to: Support.get("/sbw_dashboard")).status == .ok)
            #expect(try await router.respond(to: Support.get("/sbw_dashboard/")).status == .ok)
            let css = try await router.respond(to: Support.get("/sbw_dashboard/static/dashboard.css"))
            #expect(css.status == .ok)
            #expect(Support.text(css).contains("prefers-color-scheme: dark"))
            #expect(try await router.respond(to: Support.get("/sbw_dashboard/api/v1/categories")).status == .ok)
        }
    }

    @Test("start-up fails with a clear message when Templates/ or Public/ is missing")
    func missingDirectories() throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let analytics = Analytics(pool: pool, logger: Support.logger)
        var configuration = Support.configuration()
        configuration.templatesDirectory = URL(fileURLWithPath: "/nonexistent/Templates")
        #expect {
            try DashboardApp(configuration: configuration, analytics: analytics, logger: Support.logger)
        } throws: { error in
            String(describing: error).contains("templates directory was not found at /nonexistent/Templates")
        }
        configuration = Support.configuration()
        configuration.publicDirectory = URL(fileURLWithPath: "/nonexistent/Public")
        #expect {
            try DashboardApp(configuration: configuration, analytics: analytics, logger: Support.logger)
        } throws: { error in
            String(describing: error).contains("/nonexistent/Public")
        }
    }
}
