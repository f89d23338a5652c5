/// The JSON metrics under `/sbw_dashboard/api/v1/`, named as in their paths.
public enum APIMetric: String, Sendable, CaseIterable {
    case summary
    case timeseries
    case eventNames = "event-names"
    case loginStates = "login-states"
    case categories
    case brands
    case events
}
