@testable import Analytics
import Foundation
import Postgres
import TestSupport
import Testing
import Warehouse

@Suite("Metrics index equals raw-table SQL", .serialized)
struct IndexExactnessTests {
    static let zones = ["UTC", "Asia/Ho_Chi_Minh", "Asia/Kolkata", "Asia/Kathmandu", "Europe/London", "America/New_York",
                         "America/Havana"]
    static let ranges: [[(String, String)]] = [
        [("from", "2025-10-13"), ("to", "2025-11-02")],
        [("from", "2025-10-25"), ("to", "2025-10-26")],
        [("from", "2025-11-01"), ("to", "2025-11-02")],
        [("from", "2025-10-21"), ("to", "2025-10-21")],
        [("from", "2025-11-02"), ("to", "2025-11-02")],
        [("from", "2025-03-08"), ("to", "2025-03-31")],
        [("from", "2025-10-18T06:15:00Z"), ("to", "2025-10-21T18:45:00Z")],
    ]
    static let dimensions: [[(String, String)]] = [
        [],
        [("login_state", "unknown")],
        [("login_state", "logged_in"), ("event_name", "product_view")],
        [("category", "Laptop")],
        [("brand", "Apple"), ("category", "Điện thoại")],
        [("event_name", "checkout_complete")],
        [("brand", "Nobody")],
    ]

    static func filters(_ zone: String, _ items: [(String, String)]) throws -> Filters {
        try AnalyticsHarness.filters([("tz", zone)] + items)
    }

    /// Every metric of `snapshot` against the raw-table answer for `filters`.
    static func expectSame(_ snapshot: MetricsSnapshot, _ raw: Analytics, _ filters: Filters,
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let context = Comment(rawValue: "\(filters.timeZoneName) \(filters.queryItems.map { "\($0.name)=\($0.value)" })")
        #expect(MetricsSnapshot.covers(filters), context, sourceLocation: sourceLocation)
        let limit = raw.configuration.topLimit
        #expect(snapshot.summary(filters) == (try await raw.summary(filters)), context, sourceLocation: sourceLocation)
        #expect(snapshot.timeSeries(filters) == (try await raw.timeSeries(filters)), context, sourceLocation: sourceLocation)
        #expect(snapshot.eventNames(filters, limit: limit) == (try await raw.eventNames(filters)), context,
                sourceLocation: sourceLocation)
        #expect(snapshot.loginStates(filters, limit: limit) == (try await raw.loginStates(filters)), context,
                sourceLocation: sourceLocation)
        #expect(snapshot.categories(filters, limit: limit) == (try await raw.categories(filters)), context,
                sourceLocation: sourceLocation)
        #expect(snapshot.brands(filters, limit: limit) == (try await raw.brands(filters)), context,
                sourceLocation: sourceLocation)
        #expect(snapshot.products(filters, limit: limit) == (try await raw.products(filters)), context,
                sourceLocation: sourceLocation)
        let steps = Array(try await raw.funnelSteps().prefix(Analytics.maxFunnelSteps))
        #expect(snapshot.funnel(filters, steps: steps) == (try await raw.funnel(filters)), context,
                sourceLocation: sourceLocation)
        #expect(snapshot.heatmap(filters) == (try await raw.heatmap(filters)), context, sourceLocation: sourceLocation)
    }

    /// A warehouse with the fixture, its rollups rebuilt, and a ready index over it.
    static func withIndex(seed: UInt64, configuration: MetricsIndex.Configuration = .init(),
                          _ body: @Sendable (MetricsIndex, Analytics, TestDatabase) async throws -> Void) async throws {
        try await AnalyticsHarness.withAnalytics(IndexFixture.events(seed: seed), setup: IndexFixture.oddRows) { raw, db in
            _ = try await db.pool.withConnection { connection in try EventRollups.rebuild(on: connection) }
            let index = MetricsIndex(pool: db.pool, logger: AnalyticsHarness.logger, configuration: configuration)
            index.warmUp()
            #expect(await index.waitUntilReady(timeout: .seconds(120)))
            try await body(index, raw, db)
        }
    }

    @Test("every metric equals SQL in seven zones, across DST changes and +05:30/+05:45 midnights, under several filters")
    func everyMetricMatchesSQL() async throws {
        try await Self.withIndex(seed: 7) { index, raw, _ in
            let version = try await raw.dataVersion()
            let snapshot = try #require(try await index.snapshot(at: version))
            #expect(snapshot.dataVersion == version)
            for zone in Self.zones {
                for range in Self.ranges {
                    for dimension in Self.dimensions {
                        try await Self.expectSame(snapshot, raw, try Self.filters(zone, range + dimension))
                    }
                }
            }
        }
    }

    @Test("Analytics routed through the index answers exactly as raw SQL")
    func routedAnalyticsMatchesSQL() async throws {
        try await Self.withIndex(seed: 11) { index, raw, db in
            let routed = Analytics(pool: db.pool, logger: AnalyticsHarness.logger, index: index)
            for zone in ["Asia/Kathmandu", "America/New_York"] {
                let filters = try Self.filters(zone, Self.ranges[0])
                #expect(try await routed.summary(filters) == (try await raw.summary(filters)))
                #expect(try await routed.timeSeries(filters) == (try await raw.timeSeries(filters)))
                #expect(try await routed.products(filters) == (try await raw.products(filters)))
                #expect(try await routed.funnel(filters) == (try await raw.funnel(filters)))
                #expect(try await routed.heatmap(filters) == (try await raw.heatmap(filters)))
            }
        }
    }

    @Test("ranges off the 15-minute grid are left to SQL")
    func offGridRangesAreNotCovered() throws {
        #expect(!MetricsSnapshot.covers(try Self.filters("UTC", [("from", "2025-10-18T06:10:00Z"), ("to", "2025-10-19")])))
        #expect(!MetricsSnapshot.covers(try Self.filters("UTC", [("from", "2025-10-18T06:15:00.5Z"), ("to", "2025-10-19")])))
        #expect(MetricsSnapshot.covers(try Self.filters("Asia/Kathmandu", [("from", "2025-10-18"), ("to", "2025-10-19")])))
    }

    @Test("a load committed after the snapshot is in the next snapshot, bucket by bucket; its days are summed soon after")
    func loadAfterSnapshotIsReflected() async throws {
        var configuration = MetricsIndex.Configuration()
        configuration.daySummingDelay = .milliseconds(100)
        try await Self.withIndex(seed: 3, configuration: configuration) { index, raw, db in
            let before = try await raw.dataVersion()
            let first = try #require(try await index.snapshot(at: before))
            let version = try await Self.load(Self.laterRows(), into: db.pool)
            #expect(version == before + 1)
            // An older version gets what the index has; the new one waits for the refresh.
            #expect(try await index.snapshot(at: before)?.dataVersion ?? -1 >= before)
            let snapshot = try #require(try await index.snapshot(at: version))
            #expect(snapshot.dataVersion == version)
            #expect(snapshot.store.eventCount == first.store.eventCount + Self.laterRows().count)
            #expect(index.statistics?.refreshedBuckets ?? 0 > 0)
            for zone in ["UTC", "Asia/Kolkata", "America/New_York"] {
                for dimension in Self.dimensions.prefix(4) {
                    try await Self.expectSame(snapshot, raw, try Self.filters(zone, Self.ranges[0] + dimension))
                }
            }
            var summed = try await index.snapshot(at: version)
            for _ in 0..<100 where summed?.store.pendingDays.isEmpty != true {
                try await Task.sleep(for: .milliseconds(50))
                summed = try await index.snapshot(at: version)
            }
            let whole = try #require(summed)
            #expect(whole.store.pendingDays.isEmpty && whole.dataVersion == version)
            try await Self.expectSame(whole, raw, try Self.filters("Asia/Kolkata", Self.ranges[0]))
        }
    }

    @Test("a refresh reads a load's new rows (whole buckets without one) and answers exactly, its days pending and summed",
          arguments: [true, false])
    func pendingDaysAnswerExactly(changesNameTheirLoad: Bool) async throws {
        try await AnalyticsHarness.withAnalytics(IndexFixture.events(seed: 17), setup: IndexFixture.oddRows) { raw, db in
            _ = try await db.pool.withConnection { connection in try EventRollups.rebuild(on: connection) }
            var builder = try await db.pool.withConnection { connection in
                var builder = IndexBuilder()
                try builder.build(on: connection)
                return builder
            }
            let version = try await Self.load(Self.laterRows(), into: db.pool)
            // A rollup rebuild's changes name no load; the index must then read the buckets whole.
            if !changesNameTheirLoad { _ = try await db.pool.query("UPDATE rollup_changes SET load_xact = NULL") }
            let built = builder
            let (refreshed, newRowsOnly) = try await db.pool.withConnection { connection in
                var refreshed = built
                let outcome = try refreshed.refresh(on: connection, maxChangedBuckets: 1_000)
                guard case .refreshed(_, let newRowsOnly) = outcome else {
                    throw PostgresError(kind: .decoding, message: "no refresh: \(outcome)")
                }
                return (refreshed, newRowsOnly)
            }
            builder = refreshed
            #expect(newRowsOnly == changesNameTheirLoad)
            // The later rows' UTC days stay out of the day layer until summed again.
            let touched = Set(Self.laterRows().map { row in
                CivilDay.floorDivide(Int((ISO8601DateFormatter().date(from: row.time)?.timeIntervalSince1970 ?? 0) / 900), 96)
            })
            #expect(builder.pendingDays == touched.sorted())
            #expect(builder.dayNumbers.allSatisfy { !touched.contains($0) })
            let pending = MetricsSnapshot(dataVersion: version, store: builder.makeStore())
            for zone in ["UTC", "Asia/Kathmandu", "America/New_York"] {
                for dimension in Self.dimensions.prefix(3) {
                    try await Self.expectSame(pending, raw, try Self.filters(zone, Self.ranges[0] + dimension))
                }
            }
            let completed = builder.completePendingDays()
            #expect(completed)
            #expect(builder.pendingDays.isEmpty)
            #expect(builder.dayNumbers == Array(Set(builder.buckets.map(\.day))).sorted())
            let completedAgain = builder.completePendingDays()
            #expect(!completedAgain)
            let summed = MetricsSnapshot(dataVersion: version, store: builder.makeStore())
            for zone in ["UTC", "Asia/Kathmandu"] {
                try await Self.expectSame(summed, raw, try Self.filters(zone, Self.ranges[0]))
            }
        }
    }

    @Test("too many changed buckets rebuild the index in the background, then it answers at the new version")
    func largeChangeRebuildsInBackground() async throws {
        var configuration = MetricsIndex.Configuration()
        configuration.maxChangedBuckets = 0
        try await Self.withIndex(seed: 5, configuration: configuration) { index, raw, db in
            let version = try await Self.load(Self.laterRows(), into: db.pool)
            var snapshot: MetricsSnapshot?
            for _ in 0..<200 where snapshot == nil {
                snapshot = try await index.snapshot(at: version)
                if snapshot == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let rebuilt = try #require(snapshot)
            #expect(rebuilt.dataVersion == version)
            try await Self.expectSame(rebuilt, raw, try Self.filters("Asia/Kolkata", Self.ranges[0]))
        }
    }

    @Test("build statistics count what the index holds")
    func statisticsDescribeTheIndex() async throws {
        try await Self.withIndex(seed: 13) { index, _, db in
            let statistics = try #require(index.statistics)
            let counted = try await db.pool.query("SELECT count(*) FROM clickstream_events WHERE event_timestamp IS NOT NULL")
            #expect(statistics.events == (try counted.first?.decode(Int.self, at: 0)))
            #expect(statistics.buckets > 0 && statistics.bytes > 0 && statistics.sessions > 0)
        }
    }

    /// Rows of a later load: new sessions and clients, old ones coming back, and an event before a
    /// client's first one (so "new clients" moves), some in buckets the index already holds.
    static func laterRows() -> [EventFixture] {
        [
            EventFixture(id: UUID(uuidString: "00000000-0000-4000-8000-000000000001") ?? UUID(),
                         time: "2025-10-20T12:03:00Z", name: "product_view", clientID: "client-0", sessionID: "s-1",
                         productID: "p3", productName: "Zenbook 14", category: "Laptop", brand: "ASUS"),
            EventFixture(id: UUID(uuidString: "00000000-0000-4000-8000-000000000002") ?? UUID(),
                         time: "2025-10-12T23:59:00Z", name: "page_view", clientID: "client-7", sessionID: "s-new"),
            EventFixture(id: UUID(uuidString: "00000000-0000-4000-8000-000000000003") ?? UUID(),
                         time: "2025-11-02T23:50:00Z", name: "checkout_complete", loginState: "logged_in",
                         userID: "user-new", clientID: "client-brand-new", sessionID: "s-brand-new", orderTotal: "0.01"),
            EventFixture(id: UUID(uuidString: "00000000-0000-4000-8000-000000000004") ?? UUID(),
                         time: "2025-10-26T01:20:00Z", name: "add_to_cart_click", loginState: nil, clientID: "client-14",
                         sessionID: "s-2", productID: "p9", productName: "New thing", category: "Mới", brand: "Apple"),
        ]
    }

    /// Inserts `rows` the way the loader commits a batch: rows, rollups and changed buckets, then the
    /// data version, in one transaction. Returns the new version.
    static func load(_ rows: [EventFixture], into pool: PostgresPool) async throws -> Int64 {
        try await pool.withConnection { connection in
            try connection.transaction { connection in
                try connection.execute("CREATE TEMP TABLE inserted_events ON COMMIT DROP AS SELECT * FROM clickstream_events WITH NO DATA")
                for row in rows {
                    let parameters: [(any PostgresEncodable)?] = [
                        row.id, row.time, row.name, row.loginState, row.userID, row.clientID, row.sessionID,
                        row.productID, row.productName, row.category, row.brand, row.price, row.orderTotal,
                    ]
                    try connection.query(EventFixture.insertSQL, parameters)
                }
                try connection.query("INSERT INTO inserted_events SELECT * FROM clickstream_events WHERE event_id = ANY($1::uuid[])",
                                     [rows.map { $0.id.uuidString.lowercased() }])
                try connection.query("SELECT data_version FROM warehouse_state FOR UPDATE")
                try EventRollups.add(insertedTable: "inserted_events", on: connection)
                let bumped = try connection.query("UPDATE warehouse_state SET data_version = data_version + 1 RETURNING data_version")
                return try bumped.first?.decode(Int64.self, at: 0) ?? -1
            }
        }
    }
}
