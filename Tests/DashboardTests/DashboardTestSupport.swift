import Analytics
@testable import Dashboard
import Foundation
import HTTP
import Logging
import Postgres

/// Helpers shared by the dashboard tests: the repository's Templates/ and Public/, an app over a
/// pool, fixture rows, and a request builder.
enum DashboardTestSupport {
    static let logger = Logger(label: "dashboard.tests")

    /// The package root, found from this file's path (Tests/DashboardTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func configuration() -> DashboardApp.Configuration {
        DashboardApp.Configuration(templatesDirectory: root.appendingPathComponent("Templates"),
                                   publicDirectory: root.appendingPathComponent("Public"))
    }

    static func app(pool: PostgresPool, zone: TimeZone = .gmt) throws -> DashboardApp {
        var configuration = configuration()
        configuration.defaultTimeZone = zone
        return try DashboardApp(configuration: configuration, analytics: Analytics(pool: pool, logger: logger), logger: logger)
    }

    /// A pool whose server does not exist: every query fails as a connection problem.
    static func unreachablePool() -> PostgresPool {
        var configuration = PostgresPool.Configuration(url: "postgresql:///postgres?host=/nonexistent-socket-dir&user=postgres")
        configuration.acquireTimeout = .seconds(2)
        configuration.connectTimeout = .seconds(2)
        return PostgresPool(configuration: configuration, logger: logger)
    }

    static func get(_ target: String) -> HTTPRequest {
        HTTPRequest(method: .get, target: target, requestID: "test-request")
    }

    static func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    static func json(_ response: HTTPResponse) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return [:] }
        return object
    }

    /// Inserts product events `hoursAgo` hours before now, in one transaction.
    static func insertEvents(_ pool: PostgresPool, _ rows: [(name: String, product: String?, brand: String?, hoursAgo: Double)]) async throws {
        let sql = """
            INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_login_state, client_id,
              session_id, context_product_id, context_product_name, context_product_category, context_product_brand,
              context_product_price)
            VALUES ($1::uuid, $2::timestamptz, $3, 'anonymous', 'client-1', 'session-1', $4, $5, 'keyboard', $6, 1990000)
            """
        let now = Date()
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                for row in rows {
                    let parameters: [(any PostgresEncodable)?] = [
                        UUID(), now.addingTimeInterval(-row.hoursAgo * 3_600), row.name,
                        row.product.map { _ in "prod-1" }, row.product, row.brand,
                    ]
                    try connection.query(sql, parameters)
                }
            }
        }
    }
}
