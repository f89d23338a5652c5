/// The view model of `dashboard.mustache`. Sections the page does not show are empty arrays.
struct DashboardPage: Sendable {
    let productName: String
    let pageTitle: String
    let stylesheetURL: String
    let faviconURL: String
    let homeURL: String
    let form: FilterForm
    /// "30 Nov – 6 Dec 2025 · Asia/Ho_Chi_Minh"
    let rangeLabel: String
    let dataVersion: String
    let latestEvent: String
    let dataCompleteUpTo: String
    let generatedAt: String
    /// True when the request could be answered (the filters were valid).
    let showData: Bool
    /// True when the warehouse has never received an event.
    let isEmptyWarehouse: Bool
    /// True when the warehouse has events but none match the filters.
    let isEmptyRange: Bool
    let sections: [SectionLink]
    let overview: [OverviewSection]
    let products: [ProductsSection]
    let behaviour: [BehaviourSection]
    let events: [EventTable]
    let pipeline: [PipelineSection]
}

/// The Behaviour section's panels: events over time, event mix, login states, funnel, heatmap.
struct BehaviourSection: Sendable {
    let panels: [ChartPanel]
}
