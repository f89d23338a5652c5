/// The Overview section: the KPI cards, their data links and the per-period numbers behind the
/// sparklines.
struct OverviewSection: Sendable {
    let kpis: [KPICard]
    let links: PanelLinks
    /// Zero or one inline error (the summary failed).
    let error: [PanelError]
    /// The sparklines' numbers, one row per period (zero or one table).
    let trendTable: [DataTable]
    /// Why the sparklines are missing, when they failed (zero or one).
    let trendError: [PanelError]
}
