import Analytics
import Foundation

extension PageModelBuilder {
    /// The top-products table, then the categories and brands charts.
    func productsSection(_ data: DashboardData, _ filters: Filters, requestID: String) -> ProductsSection {
        ProductsSection(table: productsTable(data.products, filters, requestID: requestID), panels: [
            panel(data.categories, id: "categories", title: "Top categories", metric: .categories, filters, requestID) {
                breakdownPanel($0, filters, id: "categories", title: "Top categories", metric: .categories,
                               subtitle: "product events, top 10", filterName: "category")
            },
            panel(data.brands, id: "brands", title: "Top brands", metric: .brands, filters, requestID) {
                breakdownPanel($0, filters, id: "brands", title: "Top brands", metric: .brands,
                               subtitle: "product events, top 10", filterName: "brand")
            },
        ])
    }

    func productsTable(_ result: DashboardData.Loaded<ProductBreakdown>, _ filters: Filters, requestID: String) -> ProductsTable {
        let links = PanelLinks(self.links, .products, filters)
        let title = "Top products"
        let subtitle = "by views · add-to-carts and their rate"
        let products: ProductBreakdown
        switch result {
        case .success(let value): products = value
        case .failure(let failure):
            return ProductsTable(title: title, subtitle: subtitle, rows: [], hasRows: false, links: links,
                                 error: [PanelError(failure, requestID: requestID)], footnote: "", hasFootnote: false)
        }
        let topViews = max(products.items.map(\.views).max() ?? 0, 1)
        let rows = products.items.enumerated().map { index, row in
            ProductTableRow(
                rank: String(index + 1), name: row.name ?? row.productID, productID: row.productID,
                category: row.category ?? "", categoryURL: row.category.map { self.links.page(filters, changing: ["category": $0]) } ?? "",
                hasCategory: row.category != nil,
                brand: row.brand ?? "", brandURL: row.brand.map { self.links.page(filters, changing: ["brand": $0]) } ?? "",
                hasBrand: row.brand != nil,
                views: NumberFormat.integer(row.views), addToCarts: NumberFormat.integer(row.addToCarts),
                rate: row.rate.map { NumberFormat.percent($0) } ?? "—",
                meter: Self.meter(Double(row.views) / Double(topViews)))
        }
        let shownViews = products.items.reduce(0) { $0 + $1.views }
        let footnote = "These \(products.items.count) products have \(NumberFormat.integer(shownViews)) of \(NumberFormat.integer(products.totalViews)) product views and \(NumberFormat.integer(products.items.reduce(0) { $0 + $1.addToCarts })) of \(NumberFormat.integer(products.totalAddToCarts)) add-to-carts."
        return ProductsTable(title: title, subtitle: subtitle, rows: rows, hasRows: !rows.isEmpty, links: links, error: [],
                             footnote: footnote, hasFootnote: !rows.isEmpty)
    }

    /// A decorative bar for a table cell (the number is in the next cell), drawn with SVG
    /// attributes because the page's CSP allows no inline styles.
    static func meter(_ fraction: Double) -> RenderedSVG {
        let width = max(0, min(1, fraction.isFinite ? fraction : 0)) * 100
        return RenderedSVG(SVGElement("svg", [("class", "meter"), ("viewBox", "0 0 100 8"), ("preserveAspectRatio", "none"),
                                              ("aria-hidden", "true"), ("focusable", "false"), ("xmlns", "http://www.w3.org/2000/svg")],
                                      children: [SVGElement("rect", [("width", SVGElement.number(width)), ("height", "8"), ("rx", "1")])]))
    }

    /// The raw events card.
    func eventTable(_ result: DashboardData.Loaded<EventPage>, _ filters: Filters, scope: EventScope, isFirstPage: Bool,
                    requestID: String) -> EventTable {
        let panelLinks = PanelLinks(links, .events, filters, scope: scope)
        // Paging keeps the scope; the two scope links start again from the newest events.
        func page(_ scope: EventScope, cursor: String? = nil) -> String {
            links.page(filters, changing: ["scope": scope.queryValue], cursor: cursor) + "#events"
        }
        let scopes = EventScopeLink.all(current: scope) { page($0) }
        switch result {
        case .success(let events):
            return EventTable(
                rows: events.events.map(EventTableRow.init), hasRows: !events.events.isEmpty,
                timeZone: filters.timeZoneName, scopes: scopes, isProductScope: scope == .product,
                hasNewer: events.previousCursor != nil,
                newerURL: events.previousCursor.map { page(scope, cursor: $0) } ?? "",
                hasOlder: events.nextCursor != nil,
                olderURL: events.nextCursor.map { page(scope, cursor: $0) } ?? "",
                firstURL: page(scope), isFirstPage: isFirstPage, links: panelLinks, error: [])
        case .failure(let failure):
            return EventTable(
                rows: [], hasRows: false, timeZone: filters.timeZoneName, scopes: scopes, isProductScope: scope == .product,
                hasNewer: false, newerURL: "", hasOlder: false,
                olderURL: "", firstURL: page(scope), isFirstPage: isFirstPage, links: panelLinks,
                error: [PanelError(failure, requestID: requestID)])
        }
    }
}
