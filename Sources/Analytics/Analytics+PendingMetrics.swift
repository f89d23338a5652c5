// PLACEHOLDER (session 2 coordination): signatures only; replaced by the SQL implementations.
extension Analytics {
    /// The top products by views.
    public func products(_ filters: Filters) async throws(AnalyticsError) -> ProductBreakdown {
        throw .queryFailed(query: "products", detail: "not implemented yet")
    }

    /// Sessions through the funnel steps of `event_funnel_steps`.
    public func funnel(_ filters: Filters) async throws(AnalyticsError) -> Funnel {
        throw .queryFailed(query: "funnel", detail: "not implemented yet")
    }

    /// Events by local weekday and hour.
    public func heatmap(_ filters: Filters) async throws(AnalyticsError) -> Heatmap {
        throw .queryFailed(query: "heatmap", detail: "not implemented yet")
    }

    /// Pipeline health for the filters' time range; `schedule` comes from the caller's scheduler, if any.
    public func pipeline(_ filters: Filters, schedule: PipelineSchedule?) async throws(AnalyticsError) -> PipelineHealth {
        throw .queryFailed(query: "pipeline", detail: "not implemented yet")
    }
}
