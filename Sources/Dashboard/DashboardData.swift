import Analytics

/// Everything one page view reads from Analytics, fetched concurrently.
struct DashboardData: Sendable {
    let status: WarehouseStatus
    let summary: Summary
    let timeSeries: TimeSeries
    let eventNames: Breakdown
    let loginStates: Breakdown
    let categories: Breakdown
    let brands: Breakdown
    let events: EventPage
    let isFirstEventPage: Bool

    /// Runs every query of the page at once (the pool bounds how many run in parallel).
    static func load(_ analytics: Analytics, _ filters: Filters, cursor: EventCursor?) async throws(AnalyticsError) -> DashboardData {
        async let status = analytics.status()
        async let summary = analytics.summary(filters)
        async let timeSeries = analytics.timeSeries(filters)
        async let eventNames = analytics.eventNames(filters)
        async let loginStates = analytics.loginStates(filters)
        async let categories = analytics.categories(filters)
        async let brands = analytics.brands(filters)
        async let events = analytics.events(filters, cursor: cursor)
        do {
            return DashboardData(
                status: try await status, summary: try await summary, timeSeries: try await timeSeries,
                eventNames: try await eventNames, loginStates: try await loginStates,
                categories: try await categories, brands: try await brands, events: try await events,
                isFirstEventPage: cursor == nil)
        } catch let error as AnalyticsError {
            throw error
        } catch {
            throw .queryFailed(query: "page", detail: String(describing: error))
        }
    }
}
