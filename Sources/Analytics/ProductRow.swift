/// One product in the top-products table: how often it was viewed and put in a cart.
public struct ProductRow: Sendable, Hashable, Codable {
    /// `context_product_id`.
    public let productID: String
    /// The name most events of this product carried (ties: the smallest), `nil` if none did.
    public let name: String?
    public let category: String?
    public let brand: String?
    /// `product_view` events (and the names mapped to that funnel step).
    public let views: Int
    /// `add_to_cart` step events.
    public let addToCarts: Int
    /// `addToCarts / views`; `nil` without views.
    public let rate: Double?

    public init(productID: String, name: String?, category: String?, brand: String?, views: Int, addToCarts: Int) {
        self.productID = productID
        self.name = name
        self.category = category
        self.brand = brand
        self.views = views
        self.addToCarts = addToCarts
        self.rate = views == 0 ? nil : Double(addToCarts) / Double(views)
    }

    private enum CodingKeys: String, CodingKey {
        case productID = "product_id", name, category, brand, views, addToCarts = "add_to_carts", rate
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(productID, forKey: .productID)
        try container.encode(name, forKey: .name)
        try container.encode(category, forKey: .category)
        try container.encode(brand, forKey: .brand)
        try container.encode(views, forKey: .views)
        try container.encode(addToCarts, forKey: .addToCarts)
        try container.encode(rate, forKey: .rate)
    }
}

/// The top products by views (ties: add-to-carts, then id), with totals over every product.
public struct ProductBreakdown: Sendable, Hashable, Codable {
    public let items: [ProductRow]
    /// Product views over every product, including those beyond the top N.
    public let totalViews: Int
    public let totalAddToCarts: Int

    public init(items: [ProductRow], totalViews: Int, totalAddToCarts: Int) {
        self.items = items
        self.totalViews = totalViews
        self.totalAddToCarts = totalAddToCarts
    }

    private enum CodingKeys: String, CodingKey {
        case items, totalViews = "total_views", totalAddToCarts = "total_add_to_carts"
    }
}
