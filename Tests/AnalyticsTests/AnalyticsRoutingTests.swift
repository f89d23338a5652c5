import Analytics
import Foundation
import Testing

@Suite("Routing between the index and raw-table SQL")
struct AnalyticsRoutingTests {
    @Test("an index that has not been built yet leaves every metric to SQL, with the same answers")
    func unbuiltIndexFallsBackToSQL() async throws {
        let fixtures = SummaryMetricTests.fixtures
        try await AnalyticsHarness.withAnalytics(fixtures) { raw, db in
            let index = MetricsIndex(pool: db.pool, logger: AnalyticsHarness.logger)
            let routed = Analytics(pool: db.pool, logger: AnalyticsHarness.logger, index: index)
            #expect(index.isReady == false)
            for range in [[("from", "2025-12-05"), ("to", "2025-12-06")], [("from", "2025-12-05T10:07:00Z"), ("to", "2025-12-06T10:00:00Z")]] {
                let filters = try AnalyticsHarness.filters(range)
                #expect(try await routed.summary(filters) == (try await raw.summary(filters)))
                #expect(try await routed.timeSeries(filters) == (try await raw.timeSeries(filters)))
                #expect(try await routed.eventNames(filters) == (try await raw.eventNames(filters)))
                #expect(try await routed.products(filters) == (try await raw.products(filters)))
                #expect(try await routed.funnel(filters) == (try await raw.funnel(filters)))
                #expect(try await routed.heatmap(filters) == (try await raw.heatmap(filters)))
                #expect(try await routed.rawSQL.summary(filters) == (try await raw.summary(filters)))
            }
        }
    }
}
