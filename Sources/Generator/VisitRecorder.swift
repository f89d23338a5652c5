/// The running state of one simulated visit: the page the visitor is on, the clock, and the
/// events so far. Keeps the timing rules in one place so the simulator reads as a story.
struct VisitRecorder {
    private(set) var events: [PlannedEvent] = []
    private(set) var currentPage = "/"
    private(set) var currentProduct: CatalogProduct?
    private var currentReferrer: String?
    private var clock: Int64 = 0

    /// The first page of the visit, reached from another site (or typed, when nil).
    mutating func land(_ page: String, referrer: String?) {
        currentPage = page
        currentReferrer = referrer
        currentProduct = nil
        record(.pageView, after: 0)
    }

    /// Navigates to `page`: right after a click, or after reading the current page a while.
    mutating func open(_ page: String, random: inout SeededRandom) {
        let wait = events.last?.name == .click ? Int64(random.int(in: 250...1_400)) : dwell(median: 22_000, random: &random)
        currentReferrer = SessionSimulator.shopOrigin + currentPage
        currentPage = page
        currentProduct = nil
        record(.pageView, after: wait)
    }

    /// The product block fires a moment after the product page's page_view.
    mutating func viewProduct(_ product: CatalogProduct, random: inout SeededRandom) {
        currentProduct = product
        record(.productView, after: Int64(random.int(in: 120...900)), product: product)
    }

    mutating func click(_ element: PageElement, random: inout SeededRandom) {
        record(.click, after: dwell(median: 9_000, random: &random), element: element)
    }

    mutating func search(_ query: String, random: inout SeededRandom) {
        let input = PageElement(tag: "input", id: "search", role: "searchbox", text: "", dataset: [.init(name: "query", value: query)])
        record(.search, after: dwell(median: 7_000, random: &random), element: input)
    }

    /// Appends an event `after` milliseconds past the previous one, on the current page unless told.
    mutating func record(_ name: EventName, after wait: Int64, page: String? = nil, referrer: String? = nil,
                         product: CatalogProduct? = nil, element: PageElement? = nil, orderTotal: Int? = nil) {
        clock += max(wait, 0)
        events.append(PlannedEvent(
            name: name, offsetMillis: clock, page: page ?? currentPage, referrer: referrer ?? currentReferrer,
            product: product, element: element, orderTotal: orderTotal))
    }

    /// A reading or thinking time: log-normal around `median` ms, cut to 1 s … 10 min.
    func dwell(median: Double, random: inout SeededRandom) -> Int64 {
        Int64(min(max(random.logNormal(median: median, sigma: 0.8), 1_000), 600_000))
    }
}
