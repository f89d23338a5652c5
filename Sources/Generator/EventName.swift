/// The SBW frontend's event names, top of the funnel first.
enum EventName: String, Sendable, CaseIterable {
    case pageView = "page_view"
    case productView = "product_view"
    case click
    case search
    case addToCartClick = "add_to_cart_click"
    case checkoutStart = "checkout_start"
    case checkoutComplete = "checkout_complete"
}
