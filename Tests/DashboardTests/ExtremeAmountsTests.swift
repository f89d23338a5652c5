import Analytics
@testable import Dashboard
import Foundation
import Money
import Postgres
import TestSupport
import Testing
import Warehouse

/// An older warehouse may hold amounts no intake rule would admit today (the loader once took `1e400`).
/// No value in `clickstream_events` may make a metric fail or round: every section of the page and every
/// API metric, JSON and CSV, answers 200 with the exact figures, from the metrics index and from SQL.
@Suite("Extreme amounts already in the warehouse")
struct ExtremeAmountsTests {
    typealias Support = DashboardTestSupport

    static let e400 = "1" + String(repeating: "0", count: 400)
    /// 10^400 + 10^20 + 0.12345678901234567890123 + 10^-400, the current period's revenue.
    static let currentRevenue = "1" + String(repeating: "0", count: 379) + "1" + String(repeating: "0", count: 20)
        + ".12345678901234567890123" + String(repeating: "0", count: 376) + "1"
    /// `currentRevenue - (-10^400)`: the previous period held -10^400.
    static let change = "2" + currentRevenue.dropFirst()

    /// Checkouts with extreme totals (and a product view with an extreme price) written straight into
    /// the table, as an old warehouse holds them, then the rollups rebuilt as `verify --repair` does.
    static func insertExtremeRows(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                try connection.execute("""
                    INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_login_state, client_id, session_id,
                      context_product_id, context_product_name, context_product_category, context_product_brand,
                      context_product_price, context_product_discount_price, order_total)
                    SELECT gen_random_uuid(), now() - make_interval(hours => h), name, 'anonymous', 'c-' || h, 's-' || h,
                           'p-1', 'Keyboard', 'keyboard', 'AULA', price::numeric, price::numeric, total::numeric
                    FROM (VALUES (1, 'checkout_complete', NULL, '1e400'), (2, 'checkout_complete', NULL, '1e-400'),
                                 (3, 'checkout_complete', NULL, '1e20'), (4, 'checkout_complete', NULL, '0.12345678901234567890123'),
                                 (5, 'product_view', '1e400', NULL), (6, 'product_view', '-1e400', NULL),
                                 (7, 'add_to_cart_click', '1e-400', NULL),
                                 (24 * 9, 'checkout_complete', NULL, '-1e400')) AS v(h, name, price, total)
                    """)
                try connection.execute("UPDATE warehouse_state SET data_version = data_version + 1")
            }
            #expect(try EventRollups.verify(on: connection).matches == false)
            _ = try EventRollups.rebuild(on: connection)
            #expect(try EventRollups.verify(on: connection).matches)
        }
    }

    @Test("with the metrics index and without it, every section and metric answers 200 with exact revenue",
          arguments: [true, false])
    func everyMetricAnswersExactly(useIndex: Bool) async throws {
        try await withTestDatabase { db in
            try await Self.insertExtremeRows(db.pool)
            let index = useIndex ? MetricsIndex(pool: db.pool, logger: Support.logger) : nil
            if let index { #expect(await index.waitUntilReady(timeout: .seconds(120))) }
            var configuration = Support.configuration()
            configuration.defaultTimeZone = .gmt
            let app = try DashboardApp(configuration: configuration,
                                       analytics: Analytics(pool: db.pool, logger: Support.logger, index: index),
                                       logger: Support.logger, pool: db.pool, schedule: { nil })

            let summary = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary"))
            #expect(summary.status == .ok)
            let json = Support.text(summary)
            #expect(json.contains(#""revenue":{"change":\#(Self.change),"change_ratio":-2,"current":\#(Self.currentRevenue),"previous":-\#(Self.e400)}"#),
                    "\(json.prefix(300))")
            let csv = await app.api(.summary, Support.get("/sbw_dashboard/api/v1/summary?format=csv"))
            #expect(csv.status == .ok)
            #expect(Support.text(csv).contains("\r\nrevenue,\(Self.currentRevenue),-\(Self.e400),\(Self.change),-2\r\n"))

            for metric in APIMetric.allCases {
                let answer = await app.api(metric, Support.get("/sbw_dashboard/api/v1/\(metric.rawValue)"))
                #expect(answer.status == .ok, "\(metric) JSON: \(Support.text(answer).prefix(300))")
                if metric != .pipeline {
                    let table = await app.api(metric, Support.get("/sbw_dashboard/api/v1/\(metric.rawValue)?format=csv"))
                    #expect(table.status == .ok, "\(metric) CSV")
                }
            }
            let events = Support.text(await app.api(.events, Support.get("/sbw_dashboard/api/v1/events")))
            #expect(events.contains(#""product_price":"\#(Self.e400)""#) && events.contains(#""product_price":"-\#(Self.e400)""#))

            let page = await app.page(Support.get("/sbw_dashboard"))
            let html = Support.text(page)
            #expect(page.status == .ok)
            #expect(!html.contains("panel-error"), "\(html.components(separatedBy: "panel-error").dropFirst().first?.prefix(400) ?? "")")
            let grouped = NumberFormat.amount(try #require(Amount(Self.currentRevenue)))
            #expect(grouped.hasPrefix("10,000,000,") && grouped.hasSuffix(".12345678901234567890123" + String(repeating: "0", count: 376) + "1"))
            #expect(html.contains(grouped))
            #expect(html.contains(NumberFormat.decimalText(Self.e400)))
        }
    }
}
