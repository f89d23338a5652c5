import Foundation
import Postgres

/// A row for `clickstream_events`, inserted with parameters; only the fields a test cares about.
struct EventFixture: Sendable {
    var id = UUID()
    var time: String
    var name: String
    var loginState: String? = "anonymous"
    var userID: String?
    var clientID: String? = "c1"
    var sessionID: String? = "s1"
    var productID: String?
    var productName: String?
    var category: String?
    var brand: String?
    var price: String?
    var orderTotal: String?

    static let insertSQL = """
        INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_login_state, user_id,
          client_id, session_id, context_product_id, context_product_name, context_product_category,
          context_product_brand, context_product_price, order_total)
        VALUES ($1::uuid, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::numeric, $13::numeric)
        """

    /// Inserts every fixture in one transaction.
    static func insert(_ fixtures: [EventFixture], into pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                for row in fixtures {
                    let parameters: [(any PostgresEncodable)?] = [
                        row.id, row.time, row.name, row.loginState, row.userID, row.clientID, row.sessionID,
                        row.productID, row.productName, row.category, row.brand, row.price, row.orderTotal,
                    ]
                    try connection.query(insertSQL, parameters)
                }
            }
        }
    }
}
