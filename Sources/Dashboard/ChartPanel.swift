/// A card holding one chart, its empty state or inline error, its JSON/CSV links and the table of
/// the exact numbers behind the chart.
struct ChartPanel: Sendable {
    let id: String
    let title: String
    let subtitle: String
    let chart: RenderedSVG
    let hasData: Bool
    let emptyMessage: String
    let links: PanelLinks
    let footnote: String
    let hasFootnote: Bool
    /// The numbers behind the chart (zero or one table).
    let table: [DataTable]
    /// Zero or one inline error; when present the panel shows it instead of the chart.
    let error: [PanelError]
    /// Spans the whole row of the grid (time series, heatmap).
    let isWide: Bool

    /// A panel whose data could not be loaded.
    static func failed(id: String, title: String, subtitle: String, links: PanelLinks, error: PanelError, isWide: Bool = false) -> ChartPanel {
        ChartPanel(id: id, title: title, subtitle: subtitle, chart: .none, hasData: false, emptyMessage: "",
                   links: links, footnote: "", hasFootnote: false, table: [], error: [error], isWide: isWide)
    }
}
