import Enrichment
import Foundation
import Lake
import Logging
import Postgres
import TestSupport
import Testing
@testable import Pipeline

/// Derived columns in the warehouse: written by the loader in the load transaction, or later by
/// `clickstream enrich` (in process here; killed at random points in `EnrichKillTests`).
@Suite("Enrichment in the warehouse")
struct EnrichmentLoadTests {
    static let logger = Logger(label: "pipeline.tests")
    static let samples = Fixtures.files(in: "sbw-ingest") + Fixtures.files(in: "kinesis-poc") + Fixtures.files(in: "case-study")

    static func lake(located: Bool = true) async throws -> (LocalLake, URL) {
        let (lake, folder) = try Fixtures.makeLake()
        for path in samples {
            try await lake.put("events/" + path, bytes: try EnrichedSamples.bytes(path, locating: located), contentType: "application/json")
        }
        return (lake, folder)
    }

    static func load(_ lake: LocalLake, _ pool: PostgresPool, enriched: Bool) async throws -> ETLSummary {
        var configuration = ETL.Configuration()
        configuration.enrichment = enriched ? EnrichmentSettings(enricher: try EnrichedSamples.enricher.get()) : .off
        return try await ETL(store: lake, pool: pool, configuration: configuration, logger: logger).run(trigger: "test")
    }

    /// The derived columns of every row, by event id, as text.
    static let derivedColumns = """
        SELECT event_id::text, page_path, page_host, referrer_host, channel, utm_source, utm_medium, utm_campaign, utm_term,
               utm_content, browser, browser_version, os, os_version, device_type, enrichment_version::text
        FROM clickstream_events ORDER BY event_id
        """

    static func derived(_ pool: PostgresPool) async throws -> [[String?]] {
        try await pool.query(derivedColumns).map { row in (0..<16).map { row[$0] } }
    }

    @Test("the loader writes every derived column with the row and counts what it could not derive")
    func loaderWritesDerivedColumns() async throws {
        let (lake, folder) = try await Self.lake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            let summary = try await Self.load(lake, db.pool, enriched: true)
            #expect(summary.enrichmentIssues == ["user_agent_unrecognized": 1])
            let row = try #require(try await db.pool.query("""
                SELECT page_path, page_host, referrer_host, channel, browser, browser_version, os, os_version, device_type,
                       country, region, city, enrichment_version::text
                FROM clickstream_events WHERE event_id = '7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5'
                """).first)
            #expect((0..<13).map { row[$0] } == ["/success", "shop.example.vn", "checkout.example.com", "referral", "Mobile Safari",
                                                 "17", "iOS", "17", "mobile", "VN", "Ho Chi Minh", "Ho Chi Minh City", "1"])
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL") == 0)
            let issues = try await db.pool.query("SELECT reason, field, events FROM etl_enrichment_issues").map { [$0[0], $0[1], $0[2]] }
            #expect(issues == [["user_agent_unrecognized", "user_agent", "1"]])
            for address in EnrichedSamples.located.keys.sorted() + EnrichedSamples.located.values.sorted() {
                let holding = try await db.pool.query(
                    "SELECT count(*) FROM clickstream_events WHERE strpos(properties::text, $1) > 0", [address])
                #expect(try holding.first?.decode(Int.self, at: 0) == 0, "\(address)")
            }
        }
    }

    @Test("clickstream enrich gives rows loaded without enrichment the columns the loader would have, batch by batch")
    func backfillMatchesLoader() async throws {
        let (lake, folder) = try await Self.lake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { loaded in
            _ = try await Self.load(lake, loaded.pool, enriched: true)
            try await withTestDatabase { db in
                _ = try await Self.load(lake, db.pool, enriched: false)
                #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL") == 11)
                let version = try await ETLTests.count(db.pool, "SELECT data_version FROM warehouse_state")
                var configuration = EnrichmentBackfill.Configuration()
                configuration.batchRows = 4
                let backfill = EnrichmentBackfill(pool: db.pool, enricher: try EnrichedSamples.enricher.get(),
                                                  configuration: configuration, logger: Self.logger)
                let summary = try await backfill.run()
                #expect(summary.rows == 11 && summary.batches == 3)
                #expect(summary.issues == ["user_agent_unrecognized": 1])
                #expect(try await ETLTests.count(db.pool, "SELECT data_version FROM warehouse_state") == version + 3)
                #expect(try await Self.derived(db.pool) == Self.derived(loaded.pool))
                #expect(try await backfill.run().rows == 0)
            }
        }
    }

    @Test("--from and --to limit clickstream enrich to rows of those days")
    func backfillRange() async throws {
        let (lake, folder) = try await Self.lake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestDatabase { db in
            _ = try await Self.load(lake, db.pool, enriched: false)
            var configuration = EnrichmentBackfill.Configuration()
            configuration.from = Date(timeIntervalSince1970: 1_764_979_200)  // 2025-12-06
            configuration.until = Date(timeIntervalSince1970: 1_765_065_600)  // 2025-12-07
            let summary = try await EnrichmentBackfill(pool: db.pool, enricher: try EnrichedSamples.enricher.get(),
                                                       configuration: configuration, logger: Self.logger).run()
            let inRange = try await ETLTests.count(db.pool, """
                SELECT count(*) FROM clickstream_events WHERE event_timestamp >= '2025-12-06' AND event_timestamp < '2025-12-07'
                """)
            #expect(summary.rows == inRange && inRange > 0 && inRange < 11)
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events WHERE enrichment_version IS NULL") == 11 - inRange)
        }
    }
}
