/// One KPI card: the value, the previous period's value, the change between them and a sparkline.
struct KPICard: Sendable {
    let label: String
    let value: String
    /// `vs 1,234` for the previous period.
    let previous: String
    /// `12.3%`, `1.2 pp`, `new` or `—`.
    let change: String
    /// `up`, `down`, `flat` or `none`: a CSS class for color; the arrow carries the same meaning.
    let trend: String
    let arrow: String
    /// The trend in words for screen readers (`up`, `down`, `unchanged`, `no comparison`).
    let trendText: String
    /// Tooltip: what the number is and exactly how it compares.
    let note: String
    /// The KPI over sub-periods of the range (empty markup when there is none).
    let sparkline: RenderedSVG
    let hasSparkline: Bool
}
