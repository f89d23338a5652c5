import Analytics

/// Everything one page view reads, each panel with its own outcome: one failing or slow query
/// shows as an inline error in its panel, never as a blank page.
struct DashboardData: Sendable {
    typealias Loaded<T> = Result<T, LoadFailure>

    let status: WarehouseStatus
    let summary: Loaded<Summary>
    let trend: Loaded<[KPITrend.Point]>
    let timeSeries: Loaded<TimeSeries>
    let eventNames: Loaded<Breakdown>
    let loginStates: Loaded<Breakdown>
    let categories: Loaded<Breakdown>
    let brands: Loaded<Breakdown>
    let products: Loaded<ProductBreakdown>
    let funnel: Loaded<Funnel>
    let heatmap: Loaded<Heatmap>
    let events: Loaded<EventPage>
    let pipeline: Loaded<PipelineHealth>
    let isFirstEventPage: Bool
    let eventScope: EventScope

    /// The panels that failed, for the log and for not caching a partial page.
    var failures: [LoadFailure] {
        var failures: [LoadFailure] = []
        func check<T>(_ result: Loaded<T>) {
            if case .failure(let failure) = result, !failure.isSkipped { failures.append(failure) }
        }
        check(summary); check(trend); check(timeSeries); check(eventNames); check(loginStates); check(categories)
        check(brands); check(products); check(funnel); check(heatmap); check(events); check(pipeline)
        return failures
    }

    /// Starts every panel's queries at once (the pool bounds how many run in parallel) and waits
    /// for each until `deadline`. An empty warehouse skips the event panels but still shows the
    /// pipeline, which explains why it is empty (every record rejected, say).
    static func load(_ analytics: Analytics, status: WarehouseStatus, _ filters: Filters, cursor: EventCursor?, scope: EventScope,
                     schedule: PipelineSchedule?, geographyDatabase: String?, sparklinePoints: Int,
                     deadline: Deadline) async -> DashboardData {
        let skip = status.isEmpty
        async let summary = panel("summary", skip, deadline) { () async throws(AnalyticsError) in try await analytics.summary(filters) }
        async let trend = trendPoints(analytics, filters, maxPoints: skip ? 0 : sparklinePoints, deadline)
        async let timeSeries = panel("timeseries", skip, deadline) { () async throws(AnalyticsError) in try await analytics.timeSeries(filters) }
        async let eventNames = panel("event_names", skip, deadline) { () async throws(AnalyticsError) in try await analytics.eventNames(filters) }
        async let loginStates = panel("login_states", skip, deadline) { () async throws(AnalyticsError) in try await analytics.loginStates(filters) }
        async let categories = panel("categories", skip, deadline) { () async throws(AnalyticsError) in try await analytics.categories(filters) }
        async let brands = panel("brands", skip, deadline) { () async throws(AnalyticsError) in try await analytics.brands(filters) }
        async let products = panel("products", skip, deadline) { () async throws(AnalyticsError) in try await analytics.products(filters) }
        async let funnel = panel("funnel", skip, deadline) { () async throws(AnalyticsError) in try await analytics.funnel(filters) }
        async let heatmap = panel("heatmap", skip, deadline) { () async throws(AnalyticsError) in try await analytics.heatmap(filters) }
        async let events = panel("events", skip, deadline) { () async throws(AnalyticsError) in try await analytics.events(filters, scope: scope, cursor: cursor) }
        async let pipeline = panel("pipeline", false, deadline) { () async throws(AnalyticsError) in
            try await analytics.pipeline(filters, schedule: schedule, geographyDatabase: geographyDatabase)
        }
        return DashboardData(
            status: status, summary: await summary, trend: await trend, timeSeries: await timeSeries,
            eventNames: await eventNames, loginStates: await loginStates, categories: await categories,
            brands: await brands, products: await products, funnel: await funnel, heatmap: await heatmap,
            events: await events, pipeline: await pipeline, isFirstEventPage: cursor == nil, eventScope: scope)
    }

    /// One panel's query under the deadline, unless `skip`.
    private static func panel<T: Sendable>(
        _ name: String, _ skip: Bool, _ deadline: Deadline,
        _ fetch: @escaping @Sendable () async throws(AnalyticsError) -> T
    ) async -> Loaded<T> {
        if skip { return .failure(.skipped(what: name)) }
        let outcome = await deadline.run { () async -> Loaded<T> in
            do throws(AnalyticsError) {
                return .success(try await fetch())
            } catch {
                return .failure(.analytics(error))
            }
        }
        return outcome ?? .failure(.timedOut(what: name, seconds: deadline.seconds))
    }

    /// The summary of each sparkline period, all at once; any failure fails the sparklines only.
    private static func trendPoints(_ analytics: Analytics, _ filters: Filters, maxPoints: Int,
                                    _ deadline: Deadline) async -> Loaded<[KPITrend.Point]> {
        let periods = KPITrend.periods(filters, maxPoints: maxPoints)
        guard !periods.isEmpty else { return .success([]) }
        let outcome = await deadline.run { () async -> Loaded<[KPITrend.Point]> in
            await withTaskGroup(of: (Int, Result<Summary, AnalyticsError>).self) { group in
                for (index, period) in periods.enumerated() {
                    group.addTask { (index, await summaryResult(analytics, period.filters)) }
                }
                var summaries = [Summary?](repeating: nil, count: periods.count)
                for await (index, result) in group {
                    switch result {
                    case .success(let summary) where summaries.indices.contains(index): summaries[index] = summary
                    case .success: continue
                    case .failure(let error):
                        group.cancelAll()
                        return .failure(.analytics(error))
                    }
                }
                return .success(zip(periods, summaries).compactMap { period, summary in
                    summary.map { KPITrend.Point(label: period.label, summary: $0) }
                })
            }
        }
        return outcome ?? .failure(.timedOut(what: "summary_trend", seconds: deadline.seconds))
    }

    /// One sparkline period's summary as a value. A plain function rather than a typed-throws closure in the
    /// task group: the release build (Swift 6.3.1, -O) handed back a corrupted (index, result) from the closure form
    /// once the index had refreshed (a trap on `summaries[index]`; debug builds were fine).
    private static func summaryResult(_ analytics: Analytics, _ filters: Filters) async -> Result<Summary, AnalyticsError> {
        do {
            return .success(try await analytics.summary(filters, comparing: false))
        } catch {
            return .failure(error)
        }
    }
}
