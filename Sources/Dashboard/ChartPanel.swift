/// A card holding one chart, its empty-state message, its JSON link and optional data table.
struct ChartPanel: Sendable {
    let id: String
    let title: String
    let subtitle: String
    let chart: RenderedSVG
    let hasData: Bool
    let emptyMessage: String
    let jsonURL: String
    let footnote: String
    let hasFootnote: Bool
    let tableRows: [TableRow]
    let hasTable: Bool
}
