import Analytics
import Foundation

/// The `/metrics` document: what this process served and how fast, the response cache, and the
/// ETL's totals and freshness as the warehouse records them.
struct MetricsExposition: Sendable {
    let statistics: (requests: [RequestStatistics.RouteStatus: Int], latency: [String: RequestStatistics.Histogram])
    let cache: (entries: Int, bytes: Int, hits: Int, misses: Int)
    let figures: ETLFigures?
    let hasWarehouse: Bool
    let schedule: PipelineSchedule?
    let isIndexReady: Bool?

    func render() -> String {
        var out = PrometheusText()
        out.family("clickstream_dashboard_requests_total", .counter, help: "Dashboard requests answered, by route pattern and status code.")
        for (key, count) in statistics.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out.sample("clickstream_dashboard_requests_total", [("route", key.route), ("status", String(key.status))], Double(count))
        }
        out.family("clickstream_dashboard_request_duration_seconds", .histogram,
                   help: "Time to compute a dashboard response (before it is written), by route pattern.")
        for (route, histogram) in statistics.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in RequestStatistics.bucketBounds.enumerated() {
                cumulative += histogram.counts[index]
                out.sample("clickstream_dashboard_request_duration_seconds_bucket",
                           [("route", route), ("le", PrometheusText.format(bound))], Double(cumulative))
            }
            out.sample("clickstream_dashboard_request_duration_seconds_bucket", [("route", route), ("le", "+Inf")], Double(histogram.count))
            out.sample("clickstream_dashboard_request_duration_seconds_sum", [("route", route)], histogram.sum)
            out.sample("clickstream_dashboard_request_duration_seconds_count", [("route", route)], Double(histogram.count))
        }
        out.family("clickstream_dashboard_response_cache_entries", .gauge, help: "Finished response bodies held in memory.")
        out.sample("clickstream_dashboard_response_cache_entries", [], Double(cache.entries))
        out.family("clickstream_dashboard_response_cache_bytes", .gauge, help: "Bytes of the response bodies held in memory.")
        out.sample("clickstream_dashboard_response_cache_bytes", [], Double(cache.bytes))
        out.family("clickstream_dashboard_response_cache_hits_total", .counter, help: "Requests answered from the response cache.")
        out.sample("clickstream_dashboard_response_cache_hits_total", [], Double(cache.hits))
        out.family("clickstream_dashboard_response_cache_misses_total", .counter, help: "Cache lookups that had to compute the response.")
        out.sample("clickstream_dashboard_response_cache_misses_total", [], Double(cache.misses))
        if let isIndexReady {
            out.family("clickstream_metrics_index_ready", .gauge, help: "1 once the in-memory metrics index finished its first build.")
            out.sample("clickstream_metrics_index_ready", [], isIndexReady ? 1 : 0)
        }
        if hasWarehouse {
            out.family("clickstream_warehouse_up", .gauge, help: "1 when the warehouse answered this scrape's queries.")
            out.sample("clickstream_warehouse_up", [], figures == nil ? 0 : 1)
        }
        if let figures { renderETL(figures, into: &out) }
        if let schedule { renderSchedule(schedule, into: &out) }
        return out.text
    }

    private func renderETL(_ figures: ETLFigures, into out: inout PrometheusText) {
        out.family("clickstream_etl_runs", .gauge, help: "ETL runs recorded in etl_runs, by status.")
        for runs in figures.runs {
            out.sample("clickstream_etl_runs", [("status", runs.status)], Double(runs.runs))
        }
        // Totals over every run, whatever its status: a running run's counts only grow, so these
        // stay monotonic where per-status sums would jump when a run finishes.
        let totals: [(String, String, (ETLFigures.Runs) -> Int)] = [
            ("clickstream_etl_objects_loaded_total", "Lake objects loaded by the ETL.", \.objects),
            ("clickstream_etl_rows_loaded_total", "Events inserted into the warehouse by the ETL.", \.rows),
            ("clickstream_etl_duplicates_total", "Events the ETL skipped as already loaded.", \.duplicates),
            ("clickstream_etl_rejects_total", "Records the ETL refused.", \.rejects),
        ]
        for (name, help, value) in totals {
            out.family(name, .counter, help: help)
            out.sample(name, [], Double(figures.runs.reduce(0) { $0 + value($1) }))
        }
        out.family("clickstream_etl_rejects_by_reason", .gauge, help: "Rejected records kept in etl_rejects, by reason code.")
        for reject in figures.rejectsByReason {
            out.sample("clickstream_etl_rejects_by_reason", [("reason", reject.reason)], Double(reject.count))
        }
        out.family("clickstream_warehouse_data_version", .gauge, help: "The warehouse's data version, bumped by every committed load and every succeeded ETL run.")
        out.sample("clickstream_warehouse_data_version", [], Double(figures.dataVersion))
        if let lag = figures.lagSeconds {
            out.family("clickstream_etl_lag_seconds", .gauge, help: "Seconds from the newest event in the warehouse to now (database clock).")
            out.sample("clickstream_etl_lag_seconds", [], lag)
        }
        if let complete = figures.dataCompleteUpTo {
            out.family("clickstream_etl_data_complete_up_to_seconds", .gauge,
                       help: "Unix time up to which every lake object is loaded (start of the last succeeded run).")
            out.sample("clickstream_etl_data_complete_up_to_seconds", [], complete)
        }
    }

    private func renderSchedule(_ schedule: PipelineSchedule, into out: inout PrometheusText) {
        out.family("clickstream_etl_scheduler_running", .gauge, help: "1 while this process's scheduled ETL run is in progress.")
        out.sample("clickstream_etl_scheduler_running", [], schedule.isRunning ? 1 : 0)
        out.family("clickstream_etl_scheduler_consecutive_failures", .gauge, help: "Scheduled ETL runs that failed in a row.")
        out.sample("clickstream_etl_scheduler_consecutive_failures", [], Double(schedule.consecutiveFailures))
        out.family("clickstream_etl_scheduler_interval_seconds", .gauge, help: "Time between scheduled ETL runs.")
        out.sample("clickstream_etl_scheduler_interval_seconds", [], schedule.intervalSeconds)
        if let next = schedule.nextRunAt.flatMap({ ISOTimestamp.parse($0, localZone: .gmt) }) {
            out.family("clickstream_etl_scheduler_next_run_seconds", .gauge, help: "Unix time of the next scheduled ETL run.")
            out.sample("clickstream_etl_scheduler_next_run_seconds", [], next.timeIntervalSince1970)
        }
    }
}
