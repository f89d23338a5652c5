@testable import Analytics
import Foundation
import Logging
import Postgres
import Testing
import Warehouse

/// Build time, memory and per-metric time of the index over an existing warehouse. Runs only with
/// `CLICKSTREAM_INDEX_BENCH_URL` (a loaded warehouse; nothing is written) and prints its figures:
/// `CLICKSTREAM_INDEX_BENCH_URL=postgresql:///bench?host=/tmp swift test -c release --filter IndexBench`.
/// `CLICKSTREAM_INDEX_BENCH_RANGE=2025-12-01,2025-12-30` picks the window (default: the last 30 days of data);
/// `CLICKSTREAM_INDEX_BENCH_ONLY=brand` runs only the cases filtering on that dimension;
/// `CLICKSTREAM_INDEX_BENCH_LOAD=1000` then commits that many copies of the newest events as a loader
/// would (this one writes) and reports the refresh;
/// `CLICKSTREAM_INDEX_BENCH_SQL=1` also checks the summary, funnel and products against SQL once.
@Suite("Metrics index benchmark")
struct IndexBenchTests {
    static let url = ProcessInfo.processInfo.environment["CLICKSTREAM_INDEX_BENCH_URL"]

    @Test("build and query figures", .enabled(if: url != nil))
    func benchmark() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = PostgresPool.Configuration(url: Self.url ?? "")
        configuration.maxConnections = 2
        let logger = Logger(label: "index.bench")
        let pool = PostgresPool(configuration: configuration, logger: logger)
        defer { pool.shutdown() }
        let residentBefore = Self.residentBytes()
        let cpuBefore = Self.processCPU()
        let index = MetricsIndex(pool: pool, logger: logger)
        #expect(await index.waitUntilReady(timeout: .seconds(3_600)))
        let buildCPU = Self.processCPU() - cpuBefore
        let residentAfter = Self.residentBytes()
        let statistics = try #require(index.statistics)
        print("index: events \(statistics.events), buckets \(statistics.buckets), clients \(statistics.clients), "
              + "sessions \(statistics.sessions), users \(statistics.loggedInUsers)")
        print("index: build \(String(format: "%.2f", statistics.buildSeconds)) s wall, \(String(format: "%.2f", buildCPU)) s CPU here, estimated \(statistics.bytes / 1_048_576) MiB "
              + "(\(String(format: "%.1f", statistics.bytesPerEvent)) B/event), resident growth "
              + "\((residentAfter - residentBefore) / 1_048_576) MiB "
              + "(\(String(format: "%.1f", Double(residentAfter - residentBefore) / Double(max(1, statistics.events)))) B/event)")

        let raw = Analytics(pool: pool, logger: logger)
        let snapshot = try #require(try await index.snapshot(at: try await raw.dataVersion()))
        let range = try Self.range(environment["CLICKSTREAM_INDEX_BENCH_RANGE"], snapshot)
        let steps = try await raw.funnelSteps()
        for (zone, extra) in [("UTC", []), ("Asia/Kolkata", []), ("Asia/Kolkata", [("brand", "Brand 7")]),
                              ("America/New_York", [("login_state", "logged_in"), ("event_name", "product_view")])]
        where environment["CLICKSTREAM_INDEX_BENCH_ONLY"].map({ only in extra.contains { $0.0 == only } }) ?? true {
            let filters = try Filters(queryItems: ([("tz", zone), ("from", range.0), ("to", range.1)] + extra).map { (name: $0.0, value: $0.1) },
                                      rules: Self.rules)
            var line = "\(zone) \(extra.map { "\($0.0)=\($0.1)" }.joined(separator: "&")):"
            let metrics: [(String, () -> Void)] = [
                ("summary", { _ = snapshot.summary(filters) }), ("timeseries", { _ = snapshot.timeSeries(filters) }),
                ("event-names", { _ = snapshot.eventNames(filters, limit: 10) }),
                ("login-states", { _ = snapshot.loginStates(filters, limit: 10) }),
                ("categories", { _ = snapshot.categories(filters, limit: 10) }), ("brands", { _ = snapshot.brands(filters, limit: 10) }),
                ("products", { _ = snapshot.products(filters, limit: 10) }),
                ("funnel", { _ = snapshot.funnel(filters, steps: steps) }), ("heatmap", { _ = snapshot.heatmap(filters) }),
            ]
            var total = 0.0
            var totalCPU = 0.0
            for (name, run) in metrics {
                let (median, worst, cpu) = Self.time(run)
                total += median
                totalCPU += cpu
                line += " \(name) \(String(format: "%.2f", median))/\(String(format: "%.2f", worst))/\(String(format: "%.2f", cpu))"
            }
            print(line + " ms (wall p50/p99/cpu p50); all \(String(format: "%.1f", total)) ms wall, \(String(format: "%.1f", totalCPU)) ms cpu")
            if environment["CLICKSTREAM_INDEX_BENCH_SQL"] == "1" {
                #expect(snapshot.summary(filters) == (try await raw.summary(filters)))
                #expect(snapshot.funnel(filters, steps: steps) == (try await raw.funnel(filters)))
                #expect(snapshot.products(filters, limit: 10) == (try await raw.products(filters)))
            }
        }
    }

    @Test("refresh after a load", .enabled(if: url != nil && ProcessInfo.processInfo.environment["CLICKSTREAM_INDEX_BENCH_LOAD"] != nil))
    func refreshAfterLoad() async throws {
        let rows = Int(ProcessInfo.processInfo.environment["CLICKSTREAM_INDEX_BENCH_LOAD"] ?? "") ?? 1_000
        var configuration = PostgresPool.Configuration(url: Self.url ?? "")
        configuration.maxConnections = 2
        let logger = Logger(label: "index.bench")
        let pool = PostgresPool(configuration: configuration, logger: logger)
        defer { pool.shutdown() }
        let index = MetricsIndex(pool: pool, logger: logger)
        #expect(await index.waitUntilReady(timeout: .seconds(3_600)))
        let version = try await pool.withConnection { connection in
            try connection.transaction { connection in
                try connection.execute("CREATE TEMP TABLE inserted_events ON COMMIT DROP AS SELECT * FROM clickstream_events WITH NO DATA")
                try connection.query("""
                    INSERT INTO inserted_events SELECT (json_populate_record(e, json_build_object('event_id', gen_random_uuid()))).*
                    FROM clickstream_events e WHERE event_timestamp IS NOT NULL ORDER BY event_timestamp DESC LIMIT $1
                    """, [rows])
                try connection.execute("INSERT INTO clickstream_events SELECT * FROM inserted_events")
                try connection.query("SELECT data_version FROM warehouse_state FOR UPDATE")
                try EventRollups.add(insertedTable: "inserted_events", on: connection)
                let bumped = try connection.query("UPDATE warehouse_state SET data_version = data_version + 1 RETURNING data_version")
                return try bumped.first?.decode(Int64.self, at: 0) ?? -1
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let snapshot = try await index.snapshot(at: version)
        let waited = MetricsIndex.seconds(started.duration(to: clock.now)) * 1_000
        #expect(snapshot?.dataVersion == version)
        let statistics = index.statistics
        print("refresh: \(rows) rows, \(statistics?.refreshedBuckets ?? 0) buckets in "
              + "\(String(format: "%.1f", (statistics?.refreshSeconds ?? 0) * 1_000)) ms; the request waited \(String(format: "%.1f", waited)) ms")
    }

    static var rules: FilterRules {
        var rules = FilterRules()
        rules.maxRangeDays = 3_660
        return rules
    }

    /// The named window, or the 30 days ending with the day of the newest bucket.
    static func range(_ text: String?, _ snapshot: MetricsSnapshot) throws -> (String, String) {
        if let parts = text?.split(separator: ","), parts.count == 2 { return (String(parts[0]), String(parts[1])) }
        let last = (snapshot.store.numbers.last ?? 0) * 900
        return (CivilDay.label(last / 86_400 - 29), CivilDay.label(last / 86_400))
    }

    /// Median and 99th percentile of `body`'s wall time and its median thread CPU time (the
    /// figure that holds on a busy machine), in milliseconds, over 50 runs after 3 warm-ups.
    static func time(_ body: () -> Void) -> (Double, Double, Double) {
        for _ in 0..<3 { body() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<50 {
            let started = clock.now
            let cpuStarted = threadCPU()
            body()
            cpu.append((threadCPU() - cpuStarted) * 1_000)
            samples.append(MetricsIndex.seconds(started.duration(to: clock.now)) * 1_000)
        }
        samples.sort()
        cpu.sort()
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)], cpu[cpu.count / 2])
    }

    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Resident set size from /proc (Linux), 0 elsewhere.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * 4_096
    }
}
