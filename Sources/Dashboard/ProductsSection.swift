/// The Products section: the top-products table, then categories and brands.
struct ProductsSection: Sendable {
    let table: ProductsTable
    let panels: [ChartPanel]
}

/// The top products by views with add-to-carts and their rate.
struct ProductsTable: Sendable {
    let title: String
    let subtitle: String
    let rows: [ProductTableRow]
    let hasRows: Bool
    let links: PanelLinks
    let error: [PanelError]
    let footnote: String
    let hasFootnote: Bool
}

/// One product row. Names, categories and brands came from events: printed escaped only.
struct ProductTableRow: Sendable {
    let rank: String
    let name: String
    let productID: String
    let category: String
    let categoryURL: String
    let hasCategory: Bool
    let brand: String
    let brandURL: String
    let hasBrand: Bool
    let views: String
    let addToCarts: String
    let rate: String
    /// A bar of the row's views against the top product's (decorative: the number is in the cell).
    let meter: RenderedSVG
}
