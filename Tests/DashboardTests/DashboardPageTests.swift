import Analytics
@testable import Dashboard
import Foundation
import Gzip
import HTTP
import Postgres
import TestSupport
import Testing

@Suite("The page: sections, charts, escaping, resilience")
struct DashboardPageTests {
    typealias Support = DashboardTestSupport

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("all five sections, every chart drawn with role=img, JSON and CSV links per panel")
    func everySection() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await Support.insertPipeline(db.pool)
            let app = try Support.app(pool: db.pool)
            let response = await app.page(Support.get("/sbw_dashboard?tz=Asia/Ho_Chi_Minh"))
            let html = Support.text(response)
            #expect(response.status == .ok)
            for id in ["overview", "products", "behaviour", "events", "pipeline"] {
                #expect(html.contains("id=\"\(id)\""), "\(id)")
                #expect(html.contains("href=\"#\(id)\""), "\(id)")
            }
            for chart in ["chart-timeseries", "chart-event-names", "chart-login-states", "chart-funnel", "chart-heatmap",
                          "chart-categories", "chart-brands", "chart-loads"] {
                #expect(html.contains("aria-describedby=\"\(chart)-desc\""), "\(chart)")
            }
            // 9 KPI sparklines + 8 charts.
            #expect(Self.count("<svg class=\"spark\"", in: html) == 9)
            #expect(Self.count("role=\"img\"", in: html) == 17)
            #expect(Self.count("<details class=\"data-table", in: html) >= 8)
            #expect(html.contains("/sbw_dashboard/api/v1/funnel?"))
            #expect(html.contains("/sbw_dashboard/api/v1/products?from="))
            #expect(html.contains("format=csv"))
            #expect(!html.contains("panel-error"))
            #expect(html.contains("Conversion"))
            #expect(html.contains("1,990,000"))
            #expect(html.contains("lake unreachable"))
            #expect(html.contains("utm_campaign"))
        }
    }

    @Test("text from events and payloads is escaped everywhere: products, brands, rejects, unknown fields")
    func escapesEventText() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await Support.insertPipeline(db.pool)
            let app = try Support.app(pool: db.pool)
            let html = Support.text(await app.page(Support.get("/sbw_dashboard")))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b>winter"))
            #expect(html.contains("<td class=\"product\" title=\"&lt;script&gt;alert(1)&lt;/script&gt; · p-1\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
            #expect(html.contains("&lt;img src=x onerror=alert(3)&gt;"))
            #expect(html.contains("&lt;b&gt;winter&lt;/b&gt;"))
            #expect(html.contains("Bàn phím, &quot;AULA&quot; M75"))
        }
    }

    @Test("one failing panel shows an inline error; the rest of the page is drawn")
    func failingPanelIsInline() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await db.pool.withConnection { try $0.execute("DROP TABLE etl_unknown_fields") }
            let app = try Support.app(pool: db.pool)
            let response = await app.page(Support.get("/sbw_dashboard"))
            let html = Support.text(response)
            #expect(response.status == .ok)
            #expect(Self.count("class=\"panel-error\"", in: html) == 1)
            #expect(html.contains("The warehouse is not set up yet"))
            #expect(html.contains("chart-funnel"))
            #expect(html.contains("class=\"card kpi\""))
            // A page with a failed panel is not kept: the next request tries again.
            #expect(app.cache.statistics.entries == 0)
        }
    }

    @Test("a slow warehouse gives the 503 page within the deadline; the page recovers by itself")
    func slowWarehousePage() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool, configure: { $0.requestDeadline = .seconds(1) })
            let locker = Task {
                try await db.pool.withConnection { connection in
                    try connection.execute("BEGIN; LOCK TABLE warehouse_state IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;")
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            let response = await app.page(Support.get("/sbw_dashboard"))
            #expect(started.duration(to: .now) < .seconds(2))
            #expect(response.status == .serviceUnavailable)
            #expect(Support.text(response).contains("The warehouse is slow to answer"))
            try await locker.value
            #expect(await app.page(Support.get("/sbw_dashboard")).status == .ok)
        }
    }

    @Test("an empty warehouse shows how to load events, and the pipeline that explains it")
    func emptyWarehouseShowsPipeline() async throws {
        try await withTestDatabase { db in
            try await Support.insertPipeline(db.pool)
            let app = try Support.app(pool: db.pool)
            let html = Support.text(await app.page(Support.get("/sbw_dashboard/")))
            #expect(html.contains("No events yet"))
            #expect(html.contains("id=\"pipeline\""))
            #expect(html.contains("invalid_json"))
            #expect(!html.contains("class=\"card kpi\""))
            #expect(!html.contains("panel-error"))
        }
    }

    @Test("a repeated page view is served from the cache, gzipped, with the page's headers")
    func pageCache() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            let request = Support.get("/sbw_dashboard", headers: ["Accept-Encoding": "gzip"])
            let first = await app.page(request)
            #expect(first.headers["Content-Encoding"] == "gzip")
            #expect(String(decoding: try Gzip.decompress(first.body), as: UTF8.self).contains("</html>"))
            let second = await app.page(request)
            #expect(second.body == first.body)
            #expect(app.cache.statistics.hits == 1)
            #expect(second.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
            #expect(second.headers["Cache-Control"] == "no-store")
        }
    }

    @Test("the pipeline section says when geography is off, names the database when on, and counts fields not derived")
    func enrichmentCard() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await db.pool.withConnection { connection in
                try connection.execute("""
                    INSERT INTO etl_enrichment_issues (reason, field, events) VALUES ('page_url_unparsable', 'page_url', 1234)
                    """)
            }
            let off = Support.text(await (try Support.app(pool: db.pool)).page(Support.get("/sbw_dashboard")))
            #expect(off.contains("Geography is off"))
            #expect(off.contains("<code>page_url_unparsable</code>"))
            #expect(off.contains(">1,234<"))
            let on = try Support.app(pool: db.pool, configure: { $0.geographyDatabase = "GeoLite2-Country (/srv/geo.mmdb)" })
            let html = Support.text(await on.page(Support.get("/sbw_dashboard")))
            #expect(html.contains("Geography from GeoLite2-Country (/srv/geo.mmdb)."))
            #expect(!html.contains("Geography is off"))
        }
    }
}
