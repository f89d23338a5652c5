import Analytics
import Foundation
import Logging
import Postgres
import TestSupport

/// Runs metric tests on a fresh warehouse: inserts the fixtures, runs any extra setup SQL, then
/// hands over an `Analytics` without an index, so every answer is the raw-table reference.
enum AnalyticsHarness {
    static let logger = Logger(label: "analytics.tests")

    /// Filters parsed as the API would, with "now" fixed at 2025-12-06 23:00 UTC.
    static func filters(_ items: [(String, String)]) throws -> Filters {
        let now = ISOTimestamp.parse("2025-12-06T23:00:00Z", localZone: .gmt) ?? .distantPast
        return try Filters(queryItems: items.map { (name: $0.0, value: $0.1) }, now: now)
    }

    static func withAnalytics(
        _ fixtures: [EventFixture], topLimit: Int = 10, setup: [SetupStatement] = [],
        _ body: @Sendable (Analytics, TestDatabase) async throws -> Void
    ) async throws {
        try await withTestDatabase { db in
            try await EventFixture.insert(fixtures, into: db.pool)
            for statement in setup {
                _ = try await db.pool.query(statement.sql, statement.parameters)
            }
            var configuration = Analytics.Configuration()
            configuration.topLimit = topLimit
            try await body(Analytics(pool: db.pool, logger: logger, configuration: configuration), db)
        }
    }
}

/// One parameterized statement a test runs before its assertions (ledger rows, funnel steps).
struct SetupStatement: Sendable {
    let sql: String
    let parameters: [(any PostgresEncodable & Sendable)?]

    init(_ sql: String, _ parameters: [(any PostgresEncodable & Sendable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}
