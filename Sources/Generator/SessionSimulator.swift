/// Simulates one visit to the shop as a funnel: land, browse products (through categories,
/// search and related links), sometimes add to cart, sometimes check out.
///
/// Rates are chosen to look like a small e-commerce shop: about 10% of product views add to
/// cart, about half of the visits with a cart start checkout, and about 60% of those pay.
struct SessionSimulator: Sendable {
    static let shopOrigin = "https://shop.example.vn"
    static let checkoutOrigin = "https://checkout.example.com/"

    var addToCartRate = 0.10
    var checkoutStartRate = 0.55
    var checkoutCompleteRate = 0.60
    /// A visit stops after this many events, whatever the visitor still wanted to do.
    var maximumEvents = 40

    let catalog: Catalog

    /// The events of one visit, offsets ascending from 0.
    func simulate(using random: inout SeededRandom) -> [PlannedEvent] {
        var visit = VisitRecorder()
        land(&visit, using: &random)
        let wantedViews = 1 + geometric(mean: 1.6, using: &random)
        var viewed = visit.events.count { $0.name == .productView }
        var cart: [CatalogProduct] = []
        while viewed < wantedViews, visit.events.count < maximumEvents - 6 {
            guard let product = nextProduct(&visit, using: &random) else { break }
            viewed += 1
            if random.chance(addToCartRate) {
                addToCart(product, &visit, using: &random)
                cart.append(product)
            }
            if random.chance(0.12) { browseAround(&visit, using: &random) }
        }
        if !cart.isEmpty, random.chance(checkoutStartRate) {
            checkout(cart, &visit, using: &random)
        }
        return visit.events
    }

    private func land(_ visit: inout VisitRecorder, using random: inout SeededRandom) {
        // The campaign tags stay on the landing page's URL (and so in the next page's referrer), as in a browser.
        let source = TrafficSources.pick(using: &random)
        let (referrer, query) = (source.referrer, source.query ?? "")
        let entry = random.unit()
        if entry < 0.35, let product = catalog.popularProduct(using: &random) {
            visit.land(product.urlPath + query, referrer: referrer)
            visit.viewProduct(product, random: &random)
        } else if entry < 0.55, let product = catalog.popularProduct(using: &random), let category = catalog.category(of: product) {
            visit.land(category.urlPath + query, referrer: referrer)
        } else if entry < 0.85 {
            visit.land("/" + query, referrer: referrer)
        } else {
            visit.land("/shop" + query, referrer: referrer)
        }
    }

    /// Moves to a product page by one of the ways people do, and returns the product viewed.
    private func nextProduct(_ visit: inout VisitRecorder, using random: inout SeededRandom) -> CatalogProduct? {
        guard let wanted = catalog.popularProduct(using: &random) else { return nil }
        let way = random.unit()
        if way < 0.30, let current = visit.currentProduct, let related = catalog.related(to: current, using: &random) {
            visit.click(.link(related.name, dataset: [.init(name: "productId", value: related.id)]), random: &random)
            visit.open(related.urlPath, random: &random)
            visit.viewProduct(related, random: &random)
            return related
        }
        if way < 0.55, let category = catalog.category(of: wanted), let query = random.pick(category.searchQueries) {
            visit.search(query, random: &random)
            visit.open(CatalogCategory.searchPath(query), random: &random)
        } else if let category = catalog.category(of: wanted), visit.currentPage != category.urlPath {
            if random.chance(0.45) {
                visit.click(.link(category.title, id: "nav-\(category.slug)"), random: &random)
            }
            visit.open(category.urlPath, random: &random)
        }
        if random.chance(0.6) {
            visit.click(.link(wanted.name, dataset: [.init(name: "productId", value: wanted.id)]), random: &random)
        }
        visit.open(wanted.urlPath, random: &random)
        visit.viewProduct(wanted, random: &random)
        return wanted
    }

    private func addToCart(_ product: CatalogProduct, _ visit: inout VisitRecorder, using random: inout SeededRandom) {
        let button = PageElement.button("Thêm vào giỏ hàng", id: "add-to-cart", dataset: [
            .init(name: "productId", value: product.id), .init(name: "quantity", value: "1"),
        ])
        visit.record(.addToCartClick, after: visit.dwell(median: 18_000, random: &random), product: product, element: button)
    }

    /// A click that does not lead to a product: a filter, a banner, an image in the gallery.
    private func browseAround(_ visit: inout VisitRecorder, using random: inout SeededRandom) {
        let choices: [PageElement] = [
            .button("Lọc theo giá", id: "filter-price"),
            .link("Khuyến mãi tháng này", id: "promo-banner"),
            .button("Xem thêm", id: "load-more"),
            PageElement(tag: "img", id: "gallery-next", role: "button", text: ""),
        ]
        if let element = random.pick(choices) { visit.click(element, random: &random) }
    }

    private func checkout(_ cart: [CatalogProduct], _ visit: inout VisitRecorder, using random: inout SeededRandom) {
        let total = cart.reduce(0) { $0 + $1.sellingPrice }
        visit.open("/cart", random: &random)
        let button = PageElement.button("Thanh toán", id: "checkout", dataset: [
            .init(name: "total", value: String(total)), .init(name: "itemCount", value: String(cart.count)),
        ])
        visit.record(.checkoutStart, after: visit.dwell(median: 15_000, random: &random), element: button, orderTotal: total)
        guard random.chance(checkoutCompleteRate) else { return }
        let paid = visit.dwell(median: 110_000, random: &random)
        visit.record(.checkoutComplete, after: paid, page: "/success", referrer: Self.checkoutOrigin, orderTotal: total)
    }

    private func geometric(mean: Double, using random: inout SeededRandom) -> Int {
        let stop = 1 / (1 + mean)
        var count = 0
        while count < 30, !random.chance(stop) { count += 1 }
        return count
    }
}
