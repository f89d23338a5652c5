import Postgres

extension Analytics {
    /// The index snapshot that answers `filters` exactly, or nil when raw-table SQL must: no index,
    /// an index still building, or a range off the index's 15-minute grid.
    func snapshot(for filters: Filters) async throws(AnalyticsError) -> MetricsSnapshot? {
        guard let index, MetricsSnapshot.covers(filters) else { return nil }
        // The version read here is the one the snapshot is brought to, so an answer never mixes loads.
        return try await index.snapshot(at: try await dataVersion())
    }

    /// The configured funnel steps (`event_funnel_steps`), read once per `Analytics` and then cached.
    public func funnelSteps() async throws(AnalyticsError) -> [FunnelStepDefinition] {
        if let cached = funnelStepCache.cached { return cached }
        let result = try await run("funnel_steps", FunnelStepDefinition.query, [])
        let steps = try decode("funnel_steps") { () throws(PostgresError) in try FunnelStepDefinition.definitions(result) }
        funnelStepCache.store(steps)
        return steps
    }
}
