import Analytics
import Foundation
import Testing

@Suite("Pipeline health from the ETL ledger")
struct PipelineHealthTests {
    static let setup = [
        SetupStatement("""
            INSERT INTO etl_runs (run_id, started_at, finished_at, status, trigger, objects, events, duplicates, rejects, error) VALUES
              (1, '2025-12-06T01:00:00Z', '2025-12-06T01:45:00Z', 'succeeded', 'schedule', 2, 150, 2, 1, NULL),
              (2, '2025-12-06T02:00:00Z', '2025-12-06T02:10:00Z', 'failed', 'schedule', 1, 10, 0, 4, 'lake unreachable'),
              (3, '2025-12-06T03:00:00Z', NULL, 'running', 'manual', 0, 0, 0, 0, NULL)
            """),
        SetupStatement("""
            INSERT INTO etl_objects (object_key, events, duplicates, rejects, run_id, loaded_at) VALUES
              ('raw/a.json', 100, 2, 1, 1, '2025-12-06T01:10:00Z'),
              ('raw/b.json', 50, 0, 0, 1, '2025-12-06T01:40:00Z'),
              ('raw/c.json', 10, 0, 4, 2, '2025-12-06T02:05:00Z'),
              ('raw/old.json', 999, 9, 9, NULL, '2025-11-01T00:00:00Z')
            """),
        SetupStatement("""
            INSERT INTO etl_rejects (object_key, position, reason, detail, excerpt, run_id, rejected_at) VALUES
              ('raw/c.json', 0, 'invalid_json', 'unexpected end', '{"a":', 2, '2025-12-06T02:05:00Z'),
              ('raw/c.json', 1, 'invalid_json', 'unexpected end', '{"b":', 2, '2025-12-06T02:05:01Z'),
              ('raw/c.json', 2, 'invalid_json', NULL, NULL, 2, '2025-12-06T02:05:02Z'),
              ('raw/c.json', 3, 'invalid_json', 'bad escape', '"\\\\q"', 2, '2025-12-06T02:05:03Z'),
              ('raw/a.json', 7, 'missing_event_name', NULL, '{}', 1, '2025-12-06T01:10:00Z'),
              ('raw/old.json', 0, 'invalid_json', NULL, NULL, NULL, '2025-11-01T00:00:00Z'),
              ('raw/old.json', 1, 'bad_timestamp', NULL, NULL, NULL, '2025-11-01T00:00:00Z')
            """),
        SetupStatement("""
            INSERT INTO etl_unknown_fields (dialect, field_name, seen_count, first_seen_at, last_seen_at, example_value) VALUES
              ('ga4', 'debug_mode', 3, '2025-12-01T00:00:00Z', '2025-12-06T00:00:00Z', '1'),
              ('kinesis', 'experiment', 10, '2025-11-01T00:00:00Z', '2025-12-06T01:00:00Z', NULL)
            """),
    ]

    static let fixtures = [EventFixture(time: "2025-12-06T05:00:00Z", name: "click")]

    @Test("runs newest first, and data is complete up to the start of the last succeeded run")
    func runsAndFreshness() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: Self.setup) { analytics, _ in
            let before = Date()
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([("from", "2025-12-06"), ("to", "2025-12-06")]),
                                                      schedule: nil)
            #expect(health.runs.map(\.runID) == [3, 2, 1])
            #expect(health.runs.first?.finishedAt == nil)
            #expect(health.runs.first?.status == "running")
            #expect(health.runs[1].error == "lake unreachable")
            #expect(health.runs.last == PipelineRun(
                runID: 1, startedAt: "2025-12-06T01:00:00Z", finishedAt: "2025-12-06T01:45:00Z", status: "succeeded",
                trigger: "schedule", objects: 2, events: 150, duplicates: 2, rejects: 1, error: nil))
            #expect(health.dataCompleteUpTo == "2025-12-06T01:00:00Z")
            #expect(health.latestEvent == "2025-12-06T05:00:00Z")
            let newest = ISOTimestamp.parse("2025-12-06T05:00:00Z", localZone: .gmt) ?? .distantFuture
            let lag = try #require(health.lagSeconds)
            #expect(abs(lag - before.timeIntervalSince(newest)) < 60)
            #expect(health.schedule == nil)
        }
    }

    @Test("totals and hourly loads count only objects loaded inside the range")
    func totalsAndHourly() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: Self.setup) { analytics, _ in
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([("from", "2025-12-06"), ("to", "2025-12-06")]),
                                                      schedule: nil)
            #expect(health.totals == PipelineTotals(objects: 3, rows: 160, duplicates: 2, rejects: 5))
            #expect(health.hourly == [
                PipelineHour(hour: "2025-12-06T01:00:00Z", objects: 2, rows: 150),
                PipelineHour(hour: "2025-12-06T02:00:00Z", objects: 1, rows: 10),
            ])
        }
    }

    @Test("rejects in the range by reason, most frequent first, with the three newest samples")
    func rejectsByReason() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: Self.setup) { analytics, _ in
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([("from", "2025-12-06"), ("to", "2025-12-06")]),
                                                      schedule: nil)
            #expect(health.rejectsByReason.map(\.reason) == ["invalid_json", "missing_event_name"])
            #expect(health.rejectsByReason.map(\.count) == [4, 1])
            let invalid = try #require(health.rejectsByReason.first)
            #expect(invalid.samples.map(\.position) == [3, 2, 1])
            #expect(invalid.samples.first == RejectSample(objectKey: "raw/c.json", position: 3, detail: "bad escape",
                                                          excerpt: "\"\\\\q\"", rejectedAt: "2025-12-06T02:05:03Z"))
            #expect(invalid.samples[1].detail == nil)
        }
    }

    @Test("unknown fields most frequent first; an empty ledger gives empty lists and no freshness")
    func unknownFieldsAndEmptyLedger() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: Self.setup) { analytics, _ in
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([]), schedule: nil)
            #expect(health.unknownFields == [
                UnknownField(dialect: "kinesis", name: "experiment", count: 10, firstSeen: "2025-11-01T00:00:00Z",
                             lastSeen: "2025-12-06T01:00:00Z", example: nil),
                UnknownField(dialect: "ga4", name: "debug_mode", count: 3, firstSeen: "2025-12-01T00:00:00Z",
                             lastSeen: "2025-12-06T00:00:00Z", example: "1"),
            ])
        }
        try await AnalyticsHarness.withAnalytics([]) { analytics, _ in
            let schedule = PipelineSchedule(intervalSeconds: 3600, isRunning: false, runningSince: nil, nextRunAt: nil,
                                            lastSucceededAt: nil, lastError: nil, consecutiveFailures: 0)
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([]), schedule: schedule)
            #expect(health.runs.isEmpty)
            #expect(health.dataCompleteUpTo == nil)
            #expect(health.latestEvent == nil)
            #expect(health.lagSeconds == nil)
            #expect(health.totals == PipelineTotals(objects: 0, rows: 0, duplicates: 0, rejects: 0))
            #expect(health.hourly.isEmpty && health.rejectsByReason.isEmpty && health.unknownFields.isEmpty)
            #expect(health.schedule == schedule)
        }
    }

    @Test("derived fields not filled are counted per reason, with the rows clickstream enrich has left and the geography state")
    func enrichmentFacts() async throws {
        try await AnalyticsHarness.withAnalytics(Self.fixtures, setup: Self.setup) { analytics, db in
            try await db.pool.withConnection { connection in
                try connection.execute("""
                    INSERT INTO etl_enrichment_issues (reason, field, events, first_seen_at, last_seen_at) VALUES
                      ('user_agent_unrecognized', 'user_agent', 4, '2025-12-01T00:00:00Z', '2025-12-06T01:00:00Z'),
                      ('source_ip_not_located', 'source_ip', 9, '2025-12-02T00:00:00Z', '2025-12-06T02:00:00Z');
                    UPDATE clickstream_events SET enrichment_version = 1;
                    UPDATE clickstream_events SET enrichment_version = NULL
                    WHERE event_id = (SELECT event_id FROM clickstream_events ORDER BY event_id LIMIT 1);
                    """)
            }
            let health = try await analytics.pipeline(try AnalyticsHarness.filters([]), schedule: nil,
                                                      geographyDatabase: "GeoLite2-City (/srv/GeoLite2-City.mmdb)")
            #expect(health.enrichment == PipelineEnrichment(
                geographyDatabase: "GeoLite2-City (/srv/GeoLite2-City.mmdb)",
                notDerived: [
                    NotDerivedCount(reason: "source_ip_not_located", field: "source_ip", events: 9,
                                    firstSeen: "2025-12-02T00:00:00Z", lastSeen: "2025-12-06T02:00:00Z"),
                    NotDerivedCount(reason: "user_agent_unrecognized", field: "user_agent", events: 4,
                                    firstSeen: "2025-12-01T00:00:00Z", lastSeen: "2025-12-06T01:00:00Z"),
                ],
                rowsNotEnriched: 1))
            let off = try await analytics.pipeline(try AnalyticsHarness.filters([]), schedule: nil)
            #expect(off.enrichment.geographyDatabase == nil)
        }
    }
}
