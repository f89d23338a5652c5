import Analytics
@testable import Dashboard
import Foundation
import Gzip
import HTTP
import Postgres
import TestSupport
import Testing

@Suite("API: ETag, response cache, CSV, gzip")
struct DashboardAPITests {
    typealias Support = DashboardTestSupport

    @Test("a repeat with the ETag gets 304 from the data version alone, until a load commits")
    func notModifiedUntilTheNextLoad() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            let first = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?tz=UTC"))
            #expect(first.status == .ok)
            let etag = try #require(first.headers["ETag"])
            #expect(etag.hasPrefix("W/\"1-"))
            #expect(first.headers["Cache-Control"] == "no-cache")
            #expect(first.headers["Vary"] == "Accept-Encoding")

            // Without its events table no metric could be computed: a 304 proves none was.
            try await db.pool.withConnection { try $0.execute("ALTER TABLE clickstream_events RENAME TO moved_events") }
            let repeated = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?tz=UTC",
                                                               headers: ["If-None-Match": etag]))
            #expect(repeated.status == .notModified)
            #expect(repeated.body.isEmpty)
            #expect(repeated.headers["ETag"] == etag)

            // The same view spelled differently (reordered, defaults written out) is the same query.
            let filters = try Filters(queryItems: [], rules: FilterRules())
            let spelled = "/sbw_dashboard/api/v1/summary?to=\(filters.toText)&from=\(filters.fromText)&format=json"
            #expect(await app.api(.summary, Support.get(spelled, headers: ["If-None-Match": etag])).status == .notModified)

            try await Support.bumpDataVersion(db.pool)
            let afterLoad = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?tz=UTC", headers: ["If-None-Match": etag]))
            #expect(afterLoad.status == .serviceUnavailable)  // recomputed, and the table is gone
            try await db.pool.withConnection { try $0.execute("ALTER TABLE moved_events RENAME TO clickstream_events") }
            let recovered = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?tz=UTC", headers: ["If-None-Match": etag]))
            #expect(recovered.status == .ok)
            #expect(recovered.headers["ETag"]?.hasPrefix("W/\"2-") == true)
        }
    }

    @Test("other filters, formats and cursors get other ETags")
    func etagsFollowTheNormalizedQuery() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            var tags: Set<String> = []
            for target in ["summary?tz=UTC", "summary?tz=Asia/Kolkata", "summary?tz=UTC&brand=AULA", "summary?tz=UTC&format=csv",
                           "brands?tz=UTC", "events?tz=UTC"] {
                let metric = APIMetric(rawValue: String(target.prefix { $0 != "?" })) ?? .summary
                let response = await app.api(metric, Support.get("/sbw_dashboard/api/v1/" + target))
                #expect(response.status == .ok, "\(target)")
                tags.insert(response.headers["ETag"] ?? "")
            }
            #expect(tags.count == 6)
            #expect(!tags.contains(""))
        }
    }

    @Test("a repeated request is served from the response cache, gzipped once")
    func responseCacheKeepsCompressedBodies() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            let gzip: HTTPHeaders = ["Accept-Encoding": "gzip, deflate"]
            let first = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events", headers: gzip))
            #expect(first.status == .ok)
            #expect(first.headers["Content-Encoding"] == "gzip")
            let json = try JSONSerialization.jsonObject(with: Data(try Gzip.decompress(first.body))) as? [String: Any]
            #expect((json?["data"] as? [String: Any])?["events"] is [Any])

            try await db.pool.withConnection { try $0.execute("ALTER TABLE clickstream_events RENAME TO moved_events") }
            let second = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events", headers: gzip))
            #expect(second.status == .ok)
            #expect(second.body == first.body)
            #expect(app.cache.statistics.hits == 1)
            // Identity is another representation: not in the cache, so it is computed (and fails here).
            let plain = await app.api(.events, Support.get("/sbw_dashboard/api/v1/events"))
            #expect(plain.status == .serviceUnavailable)
        }
    }

    @Test("with the cache off every request computes")
    func cacheCanBeTurnedOff() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool, configure: { $0.responseCacheEntries = 0 })
            #expect(await app.api(.brands, Support.get("/sbw_dashboard/api/v1/brands")).status == .ok)
            try await db.pool.withConnection { try $0.execute("ALTER TABLE clickstream_events RENAME TO moved_events") }
            #expect(await app.api(.brands, Support.get("/sbw_dashboard/api/v1/brands")).status == .serviceUnavailable)
        }
    }

    @Test("summary as CSV: one row per KPI, RFC 4180, with a download name")
    func summaryCSV() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            let response = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?format=csv&from=2025-12-01&to=2025-12-07"))
            #expect(response.status == .ok)
            #expect(response.headers["Content-Type"] == "text/csv; charset=utf-8")
            #expect(response.headers["Content-Disposition"] == "attachment; filename=\"clickstream-summary-2025-12-01_2025-12-07.csv\"")
            let lines = Support.text(response).components(separatedBy: "\r\n")
            #expect(lines.first == "metric,current,previous,change,change_ratio")
            #expect(lines.count == 13)  // header, 11 KPIs, the empty string after the last CRLF
            #expect(lines.last == "")
            #expect(lines.contains("events,0,0,0,"))
        }
    }

    @Test("products as CSV: quotes and commas in names are quoted, markup stays text")
    func productsCSV() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            let response = await app.api(.products, Support.get("/sbw_dashboard/api/v1/products?format=csv"))
            #expect(response.status == .ok)
            let text = Support.text(response)
            #expect(text.hasPrefix("product_id,name,category,brand,views,add_to_carts,rate\r\n"))
            #expect(text.contains("p-2,\"Bàn phím, \"\"AULA\"\" M75\",keyboard,AULA,2,1,0.5\r\n"))
            #expect(text.contains("p-1,<script>alert(1)</script>,mouse,Logitech,2,1,0.5\r\n"))
        }
    }

    @Test("a format a metric has no table for, or an unknown one, is a 400 naming format", arguments: [
        (APIMetric.pipeline, "/sbw_dashboard/api/v1/pipeline?format=csv"),
        (APIMetric.summary, "/sbw_dashboard/api/v1/summary?format=xml"),
    ])
    func unsupportedFormat(metric: APIMetric, target: String) async throws {
        let pool = Support.unreachablePool()
        defer { pool.shutdown() }
        let app = try Support.app(pool: pool)
        let response = await app.api(metric, Support.get(target))
        #expect(response.status == .badRequest)
        let error = try Support.json(response)["error"] as? [String: Any]
        #expect(error?["parameter"] as? String == "format")
    }

    @Test("meta says how far the data is complete; pipeline health is never tagged or cached")
    func metaAndPipeline() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            try await Support.insertPipeline(db.pool)
            let app = try Support.app(pool: db.pool)
            let summary = try Support.json(await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary")))
            let complete = (summary["meta"] as? [String: Any])?["data_complete_up_to"] as? String
            #expect(complete.map(SchemaChecker.isDateTime) == true)
            let pipeline = await app.api(.pipeline, Support.get("/sbw_dashboard/api/v1/pipeline"))
            #expect(pipeline.status == .ok)
            #expect(pipeline.headers["ETag"] == nil)
            #expect(pipeline.headers["Cache-Control"] == "no-store")
            let runs = (try Support.json(pipeline)["data"] as? [String: Any])?["runs"] as? [[String: Any]]
            #expect(runs?.count == 2)
        }
    }

    @Test("a warehouse that does not answer in time is a 503 within the deadline, and the API recovers by itself")
    func slowWarehouse() async throws {
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
            let response = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary"))
            let elapsed = started.duration(to: .now)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers["Retry-After"] == "30")
            #expect(elapsed < .seconds(2))
            let message = (try Support.json(response)["error"] as? [String: Any])?["message"] as? String
            #expect(message?.hasPrefix("The warehouse is slow to answer") == true)
            // The abandoned statement was cancelled on the server, well before the lock holder ends at 3 s.
            let lockWaiters = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            var stillWaiting = -1
            for _ in 0..<50 where stillWaiting != 0 {
                stillWaiting = try await db.pool.query(lockWaiters)[0].decode(Int.self, at: 0)
                if stillWaiting != 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(stillWaiting == 0)
            try await locker.value
            #expect(await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary")).status == .ok)
        }
    }
}
