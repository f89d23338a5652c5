/// One step of a simulated visit before it is given a visitor: what happened, where, and when
/// relative to the start of the visit.
struct PlannedEvent: Sendable {
    var name: EventName
    var offsetMillis: Int64
    /// Path on the shop (`/product/…`), or a full URL for pages elsewhere.
    var page: String
    /// Full URL of the previous page or the external site, nil for a direct visit.
    var referrer: String?
    var product: CatalogProduct?
    var element: PageElement?
    /// The cart total in VND, for checkout events.
    var orderTotal: Int?
}
