import Analytics

/// One raw event formatted for the table. Text fields hold payload data and are printed with
/// escaping (`{{…}}`) only.
struct EventTableRow: Sendable {
    let time: String
    let timeUTC: String
    let eventName: String
    let loginState: String
    let client: String
    let clientFull: String
    let session: String
    let sessionFull: String
    let product: String
    let productFull: String
    let category: String
    let brand: String
    let price: String

    static let missing = "—"

    init(_ event: EventRecord) {
        time = event.localTime
        timeUTC = event.timestamp
        eventName = event.eventName
        loginState = event.loginState ?? Filters.unknownLoginState
        clientFull = event.clientID ?? ""
        client = Self.short(event.clientID)
        sessionFull = event.sessionID ?? ""
        session = Self.short(event.sessionID)
        product = event.productName ?? event.productID ?? Self.missing
        productFull = [event.productID, event.productName].compactMap { $0 }.joined(separator: " · ")
        category = event.category ?? Self.missing
        brand = event.brand ?? Self.missing
        price = (event.price ?? event.orderTotal).map(NumberFormat.decimalText) ?? Self.missing
    }

    /// Long ids shortened to their first 10 characters; the full id goes in the cell's title.
    private static func short(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return missing }
        return id.count <= 12 ? id : String(id.prefix(10)) + "…"
    }
}
