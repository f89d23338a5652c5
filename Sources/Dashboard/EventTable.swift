import Analytics

/// The raw-events card: one page of rows and links to the neighbouring pages.
struct EventTable: Sendable {
    let rows: [EventTableRow]
    let hasRows: Bool
    let timeZone: String
    /// "Product events" and "All events", the current one marked.
    let scopes: [EventScopeLink]
    let isProductScope: Bool
    let hasNewer: Bool
    let newerURL: String
    let hasOlder: Bool
    let olderURL: String
    let firstURL: String
    let isFirstPage: Bool
    let links: PanelLinks
    let error: [PanelError]
}

/// One choice of which raw events to list.
struct EventScopeLink: Sendable {
    let label: String
    let url: String
    let isCurrent: Bool

    /// Both scopes in a fixed order, with `url(scope)` as their links.
    static func all(current: EventScope, url: (EventScope) -> String) -> [EventScopeLink] {
        [EventScopeLink(label: "Product events", url: url(.product), isCurrent: current == .product),
         EventScopeLink(label: "All events", url: url(.all), isCurrent: current == .all)]
    }
}
