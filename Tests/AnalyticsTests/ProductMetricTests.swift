import Analytics
import Foundation
import Testing
import Warehouse

@Suite("Top products on the raw tables")
struct ProductMetricTests {
    static func event(_ name: String, _ product: String?, name productName: String? = nil, category: String? = nil,
                      brand: String? = nil) -> EventFixture {
        EventFixture(time: "2025-12-06T10:00:00Z", name: name, productID: product,
                     productName: productName, category: category, brand: brand)
    }

    static let fixtures = [
        // p1: 3 views (one under the Facebook-pixel name), 1 add-to-cart; two names tie, one empty, one missing.
        event("product_view", "p1", name: "Zeta", category: "mouse"),
        event("ViewContent", "p1", name: "Alpha", category: "mouse"),
        event("product_view", "p1", name: "", category: ""),
        event("add_to_cart_click", "p1", category: ""),
        // p2: 3 views and 2 add-to-carts; its name is the one most of its events carry, whatever the event.
        event("product_view", "p2", name: "Keyboard K2", brand: "AULA"),
        event("product_view", "p2", name: "Keyboard K2", brand: "AULA"),
        event("product_view", "p2", name: "Keyboard K2", brand: "AULA"),
        event("add_to_cart_click", "p2", name: "Keyboard", brand: "Logitech"),
        event("AddToCart", "p2", name: "Keyboard", brand: "Logitech"),
        // p3: one view; p4: only a click, so neither views nor carts.
        event("product_view", "p3", name: "Cable"),
        event("click", "p4", name: "Stand"),
        // Not product events: an empty or missing product id.
        event("product_view", "", name: "Ghost"),
        event("product_view", nil, name: "Ghost"),
        // Outside the range.
        EventFixture(time: "2025-11-01T10:00:00Z", name: "product_view", productID: "p3", productName: "Cable"),
    ]

    @Test("ranks by views then add-to-carts, names each product by its most frequent name, totals every product")
    func topProducts() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, topLimit: 3) { analytics, _ in
            let products = try await analytics.products(try AnalyticsHarness.filters([("from", "2025-12-06"), ("to", "2025-12-06")]))
            #expect(products.items == [
                ProductRow(productID: "p2", name: "Keyboard K2", category: nil, brand: "AULA", views: 3, addToCarts: 2),
                ProductRow(productID: "p1", name: "Alpha", category: "mouse", brand: nil, views: 3, addToCarts: 1),
                ProductRow(productID: "p3", name: "Cable", category: nil, brand: nil, views: 1, addToCarts: 0),
            ])
            #expect(products.totalViews == 7)
            #expect(products.totalAddToCarts == 3)
            #expect(products.items.first?.rate == 2.0 / 3.0)
        }
    }

    @Test("a product with only other events is listed last with no rate")
    func productWithoutViews() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let products = try await analytics.products(try AnalyticsHarness.filters([("from", "2025-12-06"), ("to", "2025-12-06")]))
            #expect(products.items.map(\.productID) == ["p2", "p1", "p3", "p4"])
            #expect(products.items.last?.rate == nil)
        }
    }

    @Test("the brand filter selects events, and names come from the selected events only")
    func brandFilter() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures) { analytics, _ in
            let products = try await analytics.products(try AnalyticsHarness.filters([
                ("from", "2025-12-06"), ("to", "2025-12-06"), ("brand", "Logitech"),
            ]))
            #expect(products.items == [
                ProductRow(productID: "p2", name: "Keyboard", category: nil, brand: "Logitech", views: 0, addToCarts: 2),
            ])
        }
    }

    @Test("categories and brands treat empty values and empty product ids as none")
    func emptyDimensionsAreNone() async throws {
        let fixtures = [
            EventFixture(time: "2025-12-06T01:00:00Z", name: "product_view", productID: "p1", category: "mouse", brand: ""),
            EventFixture(time: "2025-12-06T01:01:00Z", name: "product_view", productID: "p1", category: "", brand: "AULA"),
            EventFixture(time: "2025-12-06T01:02:00Z", name: "product_view", productID: "", category: "mouse", brand: "AULA"),
        ]
        try await AnalyticsHarness.withAnalytics(fixtures) { analytics, _ in
            let range = try AnalyticsHarness.filters([])
            let categories = try await analytics.categories(range)
            #expect(categories.items == [RankedCount(label: "mouse", count: 1, share: 1)])
            let brands = try await analytics.brands(range)
            #expect(brands.items == [RankedCount(label: "AULA", count: 1, share: 1)])
        }
    }

    @Test("breakdown ties are ordered by code point, not by the database's collation")
    func tiesInCodePointOrder() async throws {
        let fixtures = ["b", "B", "a", "A"].enumerated().map { offset, name in
            EventFixture(time: "2025-12-06T01:0\(offset):00Z", name: name)
        }
        // A linguistic collation on the column (ICU's root locale sorts a A b B), as a warehouse
        // created with en_US would have.
        // (The star schema's views read the column: PostgreSQL alters it only without them.)
        let setup = [SetupStatement(StarSchema.dropSQL),
                     SetupStatement("ALTER TABLE clickstream_events ALTER COLUMN event_name TYPE text COLLATE \"und-x-icu\"")]
        try await AnalyticsHarness.withAnalytics(fixtures, setup: setup) { analytics, _ in
            let names = try await analytics.eventNames(try AnalyticsHarness.filters([]))
            #expect(names.items.map(\.label) == ["A", "B", "a", "b"])
        }
    }
}
