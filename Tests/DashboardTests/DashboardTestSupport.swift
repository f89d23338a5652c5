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

    static func app(pool: PostgresPool, zone: TimeZone = .gmt,
                    schedule: @escaping @Sendable () async -> PipelineSchedule? = { nil },
                    configure: (inout DashboardApp.Configuration) -> Void = { _ in }) throws -> DashboardApp {
        var configuration = configuration()
        configuration.defaultTimeZone = zone
        configure(&configuration)
        return try DashboardApp(configuration: configuration, analytics: Analytics(pool: pool, logger: logger), logger: logger,
                                pool: pool, schedule: schedule)
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

/// Richer fixtures: several clients and sessions through the funnel, and an ETL history.
extension DashboardTestSupport {
    struct Event {
        var name: String
        var client = "client-1"
        var session = "session-1"
        var loginState: String? = "anonymous"
        var user: String?
        var productID: String?
        var productName: String?
        var category: String?
        var brand: String?
        var orderTotal: Int?
        var hoursAgo: Double = 1
    }

    static func insert(_ pool: PostgresPool, _ events: [Event]) async throws {
        let sql = """
            INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_login_state, user_id, client_id,
              session_id, context_product_id, context_product_name, context_product_category, context_product_brand,
              context_product_price, order_total)
            VALUES ($1::uuid, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11, 19.90, $12::numeric)
            """
        let now = Date()
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                for event in events {
                    let parameters: [(any PostgresEncodable)?] = [
                        UUID(), now.addingTimeInterval(-event.hoursAgo * 3_600), event.name, event.loginState, event.user,
                        event.client, event.session, event.productID, event.productName, event.category, event.brand,
                        event.orderTotal.map(String.init),
                    ]
                    try connection.query(sql, parameters)
                }
                try connection.execute("UPDATE warehouse_state SET data_version = data_version + 1")
            }
        }
    }

    /// Three sessions: one buys, one leaves at the cart, one only looks. One product name is markup.
    static let shop: [Event] = {
        let mouse = { (name: String, client: String, session: String, hoursAgo: Double) in
            Event(name: name, client: client, session: session, productID: "p-1", productName: "<script>alert(1)</script>",
                  category: "mouse", brand: "Logitech", hoursAgo: hoursAgo)
        }
        let keyboard = { (name: String, client: String, session: String, hoursAgo: Double) in
            Event(name: name, client: client, session: session, productID: "p-2", productName: "Bàn phím, \"AULA\" M75",
                  category: "keyboard", brand: "AULA", hoursAgo: hoursAgo)
        }
        var buyer = Event(name: "checkout_complete", client: "c-1", session: "s-1", loginState: "logged_in", user: "u-1", hoursAgo: 2)
        buyer.orderTotal = 1_990_000
        return [
            mouse("product_view", "c-1", "s-1", 3), mouse("add_to_cart_click", "c-1", "s-1", 2.9),
            Event(name: "checkout_start", client: "c-1", session: "s-1", loginState: "logged_in", user: "u-1", hoursAgo: 2.5), buyer,
            mouse("product_view", "c-2", "s-2", 30), keyboard("product_view", "c-2", "s-2", 29.5), keyboard("add_to_cart_click", "c-2", "s-2", 29),
            keyboard("product_view", "c-3", "s-3", 50), Event(name: "page_view", client: "c-3", session: "s-3", loginState: nil, hoursAgo: 49),
        ]
    }()

    /// Two runs (one succeeded, one failed), objects loaded an hour ago, rejects with a markup excerpt,
    /// and an unknown field.
    static func insertPipeline(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO etl_runs (started_at, finished_at, status, trigger, objects, events, duplicates, rejects)
                  VALUES (now() - interval '2 hours', now() - interval '119 minutes', 'succeeded', 'schedule', 3, 9, 1, 2);
                INSERT INTO etl_runs (started_at, finished_at, status, trigger, error)
                  VALUES (now() - interval '1 hour', now() - interval '59 minutes', 'failed', 'schedule', 'lake unreachable');
                INSERT INTO etl_objects (object_key, etag, size_bytes, events, duplicates, rejects, run_id, loaded_at)
                  SELECT 'events/2025/12/0' || g || '.json', 'e' || g, 100, 3, 0, 0, 1, now() - interval '2 hours' FROM generate_series(1, 3) g;
                INSERT INTO etl_rejects (object_key, position, reason, detail, excerpt, run_id, rejected_at)
                  VALUES ('events/bad.json', 4, 'invalid_json', 'unexpected end', '{"name": "<img src=x onerror=alert(3)>"', 1, now() - interval '2 hours'),
                         ('events/bad.json', 7, 'missing_event_name', NULL, '{}', 1, now() - interval '2 hours');
                INSERT INTO etl_unknown_fields (dialect, field_name, seen_count, example_value)
                  VALUES ('amplitude', 'utm_campaign', 12, '<b>winter</b>');
                """)
        }
    }

    static func bumpDataVersion(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("UPDATE warehouse_state SET data_version = data_version + 1")
        }
    }

    static func get(_ target: String, headers: HTTPHeaders) -> HTTPRequest {
        HTTPRequest(method: .get, target: target, headers: headers, requestID: "test-request")
    }
}
