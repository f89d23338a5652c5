@testable import Dashboard
import Foundation
import HTTP
import Logging
import Sockets
import WireTestSupport

/// One request per connection to a real `HTTPServer`, read byte for byte (no client undoes the gzip).
struct DashboardHTTPClient {
    typealias Response = RawHTTPClient.Response

    let port: Int

    func get(_ target: String, headers: [(String, String)] = []) async throws -> Response {
        let client = try await RawHTTPClient(port: port)
        return try await client.request("GET", target, headers: [("Connection", "close")] + headers)
    }

    /// Runs the dashboard's routes on 127.0.0.1 port 0 for the duration of `body`, with the server configured
    /// by the app (as `clickstream serve` does) and then by `configure`.
    static func withServer<T: Sendable>(_ app: DashboardApp, configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                                        _ body: (DashboardHTTPClient) async throws -> T) async throws -> T {
        var router = HTTPRouter()
        app.register(on: &router)
        return try await TestServer.with(router: router, configure: { app.configure(&$0); configure(&$0) },
                                         logger: Logger(label: "dashboard.tests.http") { _ in SwiftLogNoOpLogHandler() }) { port in
            try await body(DashboardHTTPClient(port: port))
        }
    }
}
