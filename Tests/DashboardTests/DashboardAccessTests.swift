import AccessControl
@testable import Dashboard
import Foundation
import HTTP
import TestSupport
import Testing

/// Optional access control and the Host allow-list, over a real server socket as `clickstream serve` wires them.
@Suite("Access tokens and allowed hosts")
struct DashboardAccessTests {
    typealias Support = DashboardTestSupport

    let path: String
    let full: String
    let apiOnly: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-tokens-\(UUID().uuidString)").path
        let (full, fullEntry) = AccessToken.make(name: "admin", scope: .all)
        let (apiOnly, apiEntry) = AccessToken.make(name: "grafana", scope: .api)
        try AccessTokenFile.append(fullEntry, to: path)
        try AccessTokenFile.append(apiEntry, to: path)
        self.full = full
        self.apiOnly = apiOnly
    }

    private func basic(_ token: String) -> (String, String) {
        ("Authorization", "Basic " + Data("anyone:\(token)".utf8).base64EncodedString())
    }

    /// The dashboard over a test database, with access control on.
    private func withProtectedDashboard(burst: Double = 10, _ body: (DashboardHTTPClient) async throws -> Void) async throws {
        var gateConfiguration = AccessGate.Configuration()
        gateConfiguration.failureBurst = burst
        gateConfiguration.failuresPerSecond = 0.001
        let gate = try AccessGate(path: path, configuration: gateConfiguration, logger: Support.logger)
        try await withTestDatabase { db in
            try await Support.insert(db.pool, Support.shop)
            let app = try Support.app(pool: db.pool, configure: { $0.access = gate })
            try await DashboardHTTPClient.withServer(app) { client in try await body(client) }
        }
    }

    @Test("no token: 401 with a Basic challenge; the page explains in HTML, the API in JSON with Bearer offered too")
    func challengesWithoutToken() async throws {
        try await withProtectedDashboard { client in
            let page = try await client.get("/sbw_dashboard")
            #expect(page.status == 401)
            #expect(page.headerValues("WWW-Authenticate") == [#"Basic realm="clickstream", charset="UTF-8""#])
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.contains("Sign in with an access token"))
            let api = try await client.get("/sbw_dashboard/api/v1/summary")
            #expect(api.status == 401)
            #expect(api.headerValues("WWW-Authenticate") == [#"Basic realm="clickstream", charset="UTF-8""#, #"Bearer realm="clickstream""#])
            #expect(((api.json?["error"] as? [String: Any])?["message"] as? String)?.contains("access token") == true)
            #expect(try await client.get("/metrics").status == 401)
            #expect(try await client.get("/").status == 401)
        }
    }

    @Test("a wrong token: 401 again (Basic or Bearer)")
    func refusesWrongToken() async throws {
        try await withProtectedDashboard { client in
            #expect(try await client.get("/sbw_dashboard", headers: [basic("cst_not-a-token")]).status == 401)
            let bearer = try await client.get("/sbw_dashboard/api/v1/summary", headers: [("Authorization", "Bearer cst_not-a-token")])
            #expect(bearer.status == 401)
            #expect(bearer.headerValues("WWW-Authenticate").last == #"Bearer realm="clickstream", error="invalid_token""#)
        }
    }

    @Test("the right token: the page with Basic (any user name), the API with Bearer or Basic")
    func servesRightToken() async throws {
        try await withProtectedDashboard { client in
            let page = try await client.get("/sbw_dashboard", headers: [basic(full)])
            #expect(page.status == 200 && page.text.contains("id=\"pipeline\""))
            #expect(try await client.get("/sbw_dashboard/api/v1/summary", headers: [("Authorization", "Bearer \(full)")]).status == 200)
            #expect(try await client.get("/sbw_dashboard/api/v1/brands?format=csv", headers: [basic(full)]).status == 200)
            #expect(try await client.get("/metrics", headers: [("Authorization", "Bearer \(full)")]).status == 200)
        }
    }

    @Test("an API-only token opens the API and /metrics but gets 403 on the page")
    func limitsAPIOnlyTokens() async throws {
        try await withProtectedDashboard { client in
            let page = try await client.get("/sbw_dashboard", headers: [basic(apiOnly)])
            #expect(page.status == 403)
            #expect(page.text.contains("for the API only"))
            #expect(try await client.get("/sbw_dashboard/api/v1/events", headers: [("Authorization", "Bearer \(apiOnly)")]).status == 200)
            #expect(try await client.get("/metrics", headers: [("Authorization", "Bearer \(apiOnly)")]).status == 200)
        }
    }

    @Test("past the burst of wrong tokens from one address: 429 with Retry-After, while the right token still works")
    func limitsWrongTokens() async throws {
        try await withProtectedDashboard(burst: 2) { client in
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(try await client.get("/sbw_dashboard/api/v1/summary", headers: [basic("cst_guess")]).status)
            }
            #expect(statuses == [401, 401, 429])
            let limited = try await client.get("/sbw_dashboard/api/v1/summary", headers: [basic("cst_guess")])
            #expect(limited.status == 429)
            #expect(Int(limited.header("Retry-After") ?? "") ?? 0 >= 1)
            #expect(limited.header("Content-Type") == "application/json")
            #expect(try await client.get("/sbw_dashboard/api/v1/summary", headers: [basic(full)]).status == 200)
        }
    }

    @Test("/healthz, /readyz and the static assets (CSS, favicon) need no token")
    func leavesProbesAndAssetsOpen() async throws {
        try await withProtectedDashboard { client in
            for path in ["/healthz", "/readyz", DashboardLinks().stylesheet, DashboardLinks().favicon] {
                let status = try await client.get(path).status
                #expect(status == 200, "\(path)")
            }
        }
    }

    @Test("allowed hosts: another Host gets 421 (JSON under the API, the error page on the page, text elsewhere)")
    func refusesOtherHosts() async throws {
        try await withTestDatabase { db in
            let app = try Support.app(pool: db.pool)
            try await DashboardHTTPClient.withServer(app, configure: {
                $0.allowedHosts = try? HostAllowList(bindAddress: "127.0.0.1", allowed: ["dash.example.com"])
            }) { client in
                let evil = [("Host", "rebound.evil.example:3838")]
                let api = try await client.get("/sbw_dashboard/api/v1/summary", headers: evil)
                #expect(api.status == 421 && api.header("Content-Type") == "application/json")
                #expect(api.json?["error"] != nil)
                let page = try await client.get("/sbw_dashboard", headers: evil)
                #expect(page.status == 421 && page.header("Content-Type") == "text/html; charset=utf-8")
                #expect(page.text.contains("Not the address of this dashboard"))
                #expect(try await client.get("/healthz", headers: evil).status == 421)
                for host in ["localhost:3838", "127.0.0.1", "[::1]:3838", "dash.example.com"] {
                    let status = try await client.get("/healthz", headers: [("Host", host)]).status
                    #expect(status == 200, "\(host)")
                }
            }
        }
    }
}
