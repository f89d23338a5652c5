/// The JSON metrics under `/sbw_dashboard/api/v1/`, named as in their paths.
public enum APIMetric: String, Sendable, CaseIterable {
    case summary
    case timeseries
    case eventNames = "event-names"
    case loginStates = "login-states"
    case categories
    case brands
    case products
    case funnel
    case heatmap
    case events
    case pipeline

    /// The formats `?format=` may ask for. Pipeline health is a nested document, not a table.
    var formats: [APIFormat] {
        self == .pipeline ? [.json] : [.json, .csv]
    }

    /// Whether the answer depends only on the data version and the query, so an ETag and the response
    /// cache may stand for it. Pipeline health also reads the clock (lag) and the scheduler (next run).
    var isVersioned: Bool { self != .pipeline }

    /// Whether `?cursor=` is part of the query.
    var takesCursor: Bool { self == .events }
}
