import Analytics
@testable import Dashboard
import Foundation
import HTTP
import TestSupport
import Testing

@Suite("healthz, readyz, metrics")
struct OperationsTests {
    typealias Support = DashboardTestSupport

    @Test("healthz answers without touching the database")
    func healthWithoutDatabase() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        var router = HTTPRouter()
        try Support.app(pool: pool).register(on: &router)
        let response = try await router.respond(to: Support.get("/healthz"))
        #expect(response.status == .ok)
        #expect(Support.text(response) == "ok\n")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test("readyz: 200 on a migrated warehouse, 503 with the reason when behind or unreachable")
    func readiness() async throws {
        try await withTestDatabase { db in
            let app = try Support.app(pool: db.pool)
            let ready = await app.readiness()
            #expect(ready.status == .ok)
            #expect(Support.text(ready).hasPrefix("ready: warehouse schema version"))
            try await db.pool.withConnection { connection in
                try connection.execute("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
            }
            let behind = await app.readiness()
            #expect(behind.status == .serviceUnavailable)
            #expect(Support.text(behind).contains("run clickstream migrate"))
        }
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let down = await (try Support.app(pool: pool)).readiness()
        #expect(down.status == .serviceUnavailable)
        #expect(Support.text(down) == "not ready: the warehouse database is unreachable\n")
    }

    @Test("metrics: requests by route and status, latency histogram, ETL figures, each family with HELP and TYPE")
    func prometheusText() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await Support.insertPipeline(db.pool)
            let app = try Support.app(pool: db.pool)
            var router = HTTPRouter()
            app.register(on: &router)
            _ = try await router.respond(to: Support.get("/sbw_dashboard/api/v1/brands"))
            _ = try await router.respond(to: Support.get("/sbw_dashboard/api/v1/brands?from=nonsense"))
            _ = try? await router.respond(to: Support.get("/sbw_dashboard/static/missing.css"))
            let response = try await router.respond(to: Support.get("/metrics"))
            #expect(response.status == .ok)
            #expect(response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
            let text = Support.text(response)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.contains(#"clickstream_dashboard_requests_total{route="/sbw_dashboard/api/v1/brands",status="200"} 1"#))
            #expect(lines.contains(#"clickstream_dashboard_requests_total{route="/sbw_dashboard/api/v1/brands",status="400"} 1"#))
            #expect(lines.contains(#"clickstream_dashboard_requests_total{route="/sbw_dashboard/static/",status="404"} 1"#))
            #expect(lines.contains(#"clickstream_dashboard_request_duration_seconds_count{route="/sbw_dashboard/api/v1/brands"} 2"#))
            #expect(lines.contains(#"clickstream_dashboard_request_duration_seconds_bucket{route="/sbw_dashboard/api/v1/brands",le="+Inf"} 2"#))
            #expect(lines.contains(#"clickstream_etl_runs{status="succeeded"} 1"#))
            #expect(lines.contains(#"clickstream_etl_runs{status="failed"} 1"#))
            #expect(lines.contains("clickstream_etl_rows_loaded_total 9"))
            #expect(lines.contains("clickstream_etl_duplicates_total 1"))
            #expect(lines.contains("clickstream_etl_rejects_total 2"))
            #expect(lines.contains(#"clickstream_etl_rejects_by_reason{reason="invalid_json"} 1"#))
            #expect(lines.contains("clickstream_warehouse_up 1"))
            #expect(lines.contains("clickstream_warehouse_data_version 1"))
            let lag = lines.first { $0.hasPrefix("clickstream_etl_lag_seconds ") }.flatMap { Double($0.split(separator: " ")[1]) }
            #expect(lag.map { (7_000...7_400).contains($0) } == true)  // the newest event is 2 hours old

            // Exposition format: every sample belongs to a family announced by HELP then TYPE.
            var announced: [String: String] = [:]
            for (index, line) in lines.enumerated() {
                if line.hasPrefix("# HELP ") {
                    let name = String(line.dropFirst(7).prefix { $0 != " " })
                    #expect(lines[index + 1].hasPrefix("# TYPE \(name) "), "\(name)")
                    announced[name] = String(lines[index + 1].split(separator: " ").last ?? "")
                } else if !line.hasPrefix("#") {
                    let name = String(line.prefix { $0 != "{" && $0 != " " })
                    let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                        name.hasSuffix(suffix) && announced[String(name.dropLast(suffix.count))] == "histogram"
                            ? String(name.dropLast(suffix.count)) : name
                    }
                    #expect(announced[family] != nil, "\(line)")
                }
            }
        }
    }

    @Test("metrics still answer when the warehouse does not, and say so")
    func metricsWithoutWarehouse() async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let text = Support.text(await (try Support.app(pool: pool)).metrics())
        #expect(text.contains("\nclickstream_warehouse_up 0\n"))
        #expect(!text.contains("clickstream_etl_runs{"))
    }
}
