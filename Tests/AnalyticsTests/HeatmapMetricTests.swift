import Analytics
import Foundation
import Testing

@Suite("Weekday × hour heatmap on the raw tables")
struct HeatmapMetricTests {
    /// The non-empty cells as (weekday, hour, events).
    static func busy(_ heatmap: Heatmap) -> [[Int]] {
        heatmap.cells.filter { $0.events > 0 }.map { [$0.weekday, $0.hour, $0.events] }
    }

    @Test("always all 168 cells, Monday 00:00 first, Sunday 23:00 last")
    func allCells() async throws {
        try await AnalyticsHarness.withAnalytics([]) { analytics, _ in
            let heatmap = try await analytics.heatmap(try AnalyticsHarness.filters([]))
            #expect(heatmap.cells.count == 168)
            #expect(heatmap.cells.first == HeatmapCell(weekday: 1, hour: 0, events: 0))
            #expect(heatmap.cells.last == HeatmapCell(weekday: 7, hour: 23, events: 0))
            #expect(heatmap.maxEvents == 0)
            #expect(heatmap.timeZone == "UTC")
        }
    }

    @Test("Asia/Kathmandu (+05:45): 18:14:59Z Monday is 23:59 Monday, 18:15Z is Tuesday midnight")
    func kathmanduQuarterHourOffset() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-01T18:14:59Z", name: "click"),
            EventFixture(time: "2025-12-01T18:15:00Z", name: "click"),
            EventFixture(time: "2025-12-01T18:20:00Z", name: "click"),
        ]
        try await AnalyticsHarness.withAnalytics(fixtures) { analytics, _ in
            let range = [("from", "2025-12-01"), ("to", "2025-12-03")]
            let kathmandu = try await analytics.heatmap(try AnalyticsHarness.filters(range + [("tz", "Asia/Kathmandu")]))
            #expect(Self.busy(kathmandu) == [[1, 23, 1], [2, 0, 2]])
            #expect(kathmandu.maxEvents == 2)
            let kolkata = try await analytics.heatmap(try AnalyticsHarness.filters(range + [("tz", "Asia/Kolkata")]))
            // +05:30: all three are Monday 23:44…23:50.
            #expect(Self.busy(kolkata) == [[1, 23, 3]])
        }
    }

    @Test("Europe/London: the spring-forward hour is empty, the fall-back hour counts both passes")
    func londonDaylightSaving() async throws {
        let fixtures = [
            // 2025-03-30 (Sunday): 01:00 GMT becomes 02:00 BST.
            EventFixture(time: "2025-03-30T00:30:00Z", name: "click"),  // 00:30 GMT
            EventFixture(time: "2025-03-30T01:30:00Z", name: "click"),  // 02:30 BST
            // 2025-10-26 (Sunday): 02:00 BST becomes 01:00 GMT, so 01:xx happens twice.
            EventFixture(time: "2025-10-26T00:30:00Z", name: "click"),  // 01:30 BST
            EventFixture(time: "2025-10-26T01:30:00Z", name: "click"),  // 01:30 GMT
            // Summer time on a Wednesday.
            EventFixture(time: "2025-07-16T12:00:00Z", name: "click"),  // 13:00 BST
        ]
        try await AnalyticsHarness.withAnalytics(fixtures) { analytics, _ in
            let range = [("from", "2025-03-29"), ("to", "2025-10-27"), ("tz", "Europe/London")]
            let heatmap = try await analytics.heatmap(try AnalyticsHarness.filters(range))
            #expect(Self.busy(heatmap) == [[3, 13, 1], [7, 0, 1], [7, 1, 2], [7, 2, 1]])
            #expect(heatmap.timeZone == "Europe/London")
        }
    }

    @Test("the dimension filters apply")
    func filtersApply() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-01T10:00:00Z", name: "click"),
            EventFixture(time: "2025-12-01T10:00:00Z", name: "product_view"),
        ]
        try await AnalyticsHarness.withAnalytics(fixtures) { analytics, _ in
            let heatmap = try await analytics.heatmap(try AnalyticsHarness.filters([
                ("from", "2025-12-01"), ("to", "2025-12-01"), ("event_name", "product_view"),
            ]))
            #expect(Self.busy(heatmap) == [[1, 10, 1]])
        }
    }
}
