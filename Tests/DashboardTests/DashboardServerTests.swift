import Analytics
@testable import Dashboard
import Foundation
import Gzip
import HTTP
import TestSupport
import Testing

@Suite("Through a real server socket")
struct DashboardServerTests {
    typealias Support = DashboardTestSupport

    @Test("gzip, Vary, ETag and 304 survive the server's own response handling")
    func conditionalAndCompressed() async throws {
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool)
            try await DashboardHTTPClient.withServer(app) { client in
                let first = try await client.get("/sbw_dashboard/api/v1/events", headers: [("Accept-Encoding", "gzip")])
                #expect(first.status == 200)
                #expect(first.headerValues("Content-Encoding") == ["gzip"])
                #expect(first.headerValues("Vary") == ["Accept-Encoding"])
                #expect(first.header("Content-Length") == String(first.body.count))
                let etag = try #require(first.header("ETag"))
                let json = try JSONSerialization.jsonObject(with: Data(try Gzip.decompress(first.body))) as? [String: Any]
                #expect(json?["data"] != nil)

                let second = try await client.get("/sbw_dashboard/api/v1/events",
                                                  headers: [("Accept-Encoding", "gzip"), ("If-None-Match", etag)])
                #expect(second.status == 304)
                #expect(second.body.isEmpty)
                #expect(second.header("ETag") == etag)

                let page = try await client.get("/sbw_dashboard", headers: [("Accept-Encoding", "gzip")])
                #expect(page.status == 200)
                #expect(page.header("Content-Encoding") == "gzip")
                #expect(String(decoding: try Gzip.decompress(page.body), as: UTF8.self).contains("id=\"pipeline\""))

                let csv = try await client.get("/sbw_dashboard/api/v1/brands?format=csv")
                #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
                #expect(String(decoding: csv.body, as: UTF8.self).hasPrefix("label,count,share\r\n"))

                let openAPI = try await client.get(DashboardLinks.openAPIPath)
                #expect(openAPI.status == 200)
                #expect(try await client.get("/healthz").status == 200)
                #expect(try await client.get("/readyz").status == 200)
                let metrics = try await client.get("/metrics")
                #expect(String(decoding: metrics.body, as: UTF8.self).contains("route=\"/sbw_dashboard/api/v1/events\",status=\"304\"} 1"))
            }
        }
    }
}
