/// The raw-events card: one page of rows and links to the neighbouring pages.
struct EventTable: Sendable {
    let rows: [EventTableRow]
    let hasRows: Bool
    let timeZone: String
    let hasNewer: Bool
    let newerURL: String
    let hasOlder: Bool
    let olderURL: String
    let firstURL: String
    let isFirstPage: Bool
    let links: PanelLinks
    let error: [PanelError]
}
