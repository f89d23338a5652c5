import Foundation
import Lake
import Postgres
import TestSupport
import Testing
import Warehouse
@testable import Export

/// Which days an export writes: closed ones, once, and again whole when a load touches them.
@Suite("Export day selection")
struct ExportSelectionTests {
    /// Inserts `count` events on `day` (YYYY-MM-DD, noon UTC onwards) loaded `ingestedAgo` ago, then brings the
    /// rollups up to date as a load would (recording the touched buckets under a new data version).
    func load(_ db: TestDatabase, day: String, count: Int, ingestedAgo: String) async throws {
        try await db.pool.withConnection { connection in
            try connection.query("""
                INSERT INTO clickstream_events (event_id, event_timestamp, event_name, ingested_at, context_product_price)
                SELECT gen_random_uuid(), $1::timestamptz + make_interval(secs => i), 'page_view', now() - $2::interval,
                       CASE WHEN i = 0 THEN 1e15 ELSE i END
                FROM generate_series(0, $3::integer - 1) AS i
                """, ["\(day) 12:00:00+00", ingestedAgo, count])
            _ = try EventRollups.rebuild(on: connection)
        }
    }

    func export(_ db: TestDatabase, lake: LocalLake, delay: Duration = .seconds(7200), force: Bool = false) async throws -> ExportSummary {
        var configuration = LakeExport.Configuration()
        configuration.delay = delay
        configuration.force = force
        return try await LakeExport(store: lake, pool: db.pool, configuration: configuration, logger: .init(label: "test")).run()
    }

    func withLake<T>(_ body: (LocalLake) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(LocalLake(root: folder))
    }

    @Test("a day loaded within the delay waits; once settled it is exported once, then not again")
    func closedDaysOnce() async throws {
        try await withTestDatabase { db in
            try await withLake { lake in
                try await load(db, day: "2025-12-01", count: 5, ingestedAgo: "10 minutes")
                let waiting = try await export(db, lake: lake)
                #expect(waiting.exported.isEmpty && waiting.stillOpen == ["2025-12-01"])
                let first = try await export(db, lake: lake, delay: .seconds(60))
                #expect(first.exported.map(\.day) == ["2025-12-01"] && first.rows == 5 && first.decimalsOutOfRange == 1)
                #expect(try await lake.get("exports/clickstream_events/year=2025/month=12/day=01/part-00000.parquet").bytes.count > 0)
                #expect(try await export(db, lake: lake, delay: .seconds(60)).exported.isEmpty)
            }
        }
    }

    @Test("a late load re-exports the day whole, as the next generation; other days stay as they are")
    func lateLoadReexports() async throws {
        try await withTestDatabase { db in
            try await withLake { lake in
                try await load(db, day: "2025-12-01", count: 3, ingestedAgo: "1 day")
                try await load(db, day: "2025-12-02", count: 4, ingestedAgo: "1 day")
                #expect(try await export(db, lake: lake).exported.count == 2)
                try await load(db, day: "2025-12-02", count: 2, ingestedAgo: "3 hours")
                let again = try await export(db, lake: lake)
                #expect(again.exported.map(\.day) == ["2025-12-02"])
                #expect(again.exported.first?.generation == 2 && again.exported.first?.rows == 6)
                let manifest = try await lake.get("exports/clickstream_events/year=2025/month=12/day=02/_manifest.json")
                let json = try JSONSerialization.jsonObject(with: Data(manifest.bytes)) as? [String: Any]
                #expect(json?["generation"] as? Int == 2 && json?["rows"] as? Int == 6)
            }
        }
    }

    @Test("a day left pending by a killed run is exported again though nothing changed")
    func pendingDaysAreRedone() async throws {
        try await withTestDatabase { db in
            try await withLake { lake in
                try await load(db, day: "2025-12-01", count: 3, ingestedAgo: "1 day")
                #expect(try await export(db, lake: lake).exported.count == 1)
                try await db.pool.query("UPDATE export_days SET pending = true")
                let redone = try await export(db, lake: lake)
                #expect(redone.exported.map(\.generation) == [2])
                #expect(try await db.pool.query("SELECT count(*) FROM export_days WHERE pending").first?.decode(Int.self, at: 0) == 0)
            }
        }
    }

    @Test("a day that has not ended is never exported, whatever the delay")
    func openDayWaits() async throws {
        try await withTestDatabase { db in
            try await withLake { lake in
                let today = ExportLayout.isoDay(Int(Date().timeIntervalSince1970 / 86_400))
                try await load(db, day: today, count: 2, ingestedAgo: "1 day")
                #expect(try await export(db, lake: lake, delay: .zero).exported.isEmpty)
            }
        }
    }

    @Test("an export prefix overlapping the raw prefix is refused")
    func overlappingPrefixes() {
        #expect(throws: ExportError.self) { try LakeExport.validate(exportPrefix: "events/exports/", rawPrefix: "events/") }
        #expect(throws: ExportError.self) { try LakeExport.validate(exportPrefix: "", rawPrefix: "events/") }
        #expect(throws: Never.self) { try LakeExport.validate(exportPrefix: "exports", rawPrefix: "events/") }
    }
}

/// The export into an S3 bucket (moto_server, as `make test` starts it): the day's file arrives whole through an
/// upload, with its manifest beside it.
@Suite("Export to S3")
struct ExportToS3Tests {
    @Test("a day exported to S3 is one Parquet file, its manifest naming its size and MD5")
    func exportsIntoABucket() async throws {
        let endpoint = try #require(ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)),
                                    "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        var bucket = S3Lake.Configuration(bucket: "export-\(UUID().uuidString.lowercased().prefix(12))")
        bucket.endpoint = endpoint
        let lake = S3Lake(configuration: bucket, logger: .init(label: "test"),
                          environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        try await lake.createBucket()
        try await withTestDatabase { db in
            try await ExportSelectionTests().load(db, day: "2025-12-03", count: 50, ingestedAgo: "1 day")
            let summary = try await LakeExport(store: lake, pool: db.pool, configuration: LakeExport.Configuration(),
                                               logger: .init(label: "test")).run()
            #expect(summary.exported.map(\.rows) == [50])
            let file = try await lake.get("exports/clickstream_events/year=2025/month=12/day=03/part-00000.parquet").bytes
            #expect(file.prefix(4).elementsEqual(Array("PAR1".utf8)) && file.suffix(4).elementsEqual(Array("PAR1".utf8)))
            let manifest = try await lake.get("exports/clickstream_events/year=2025/month=12/day=03/_manifest.json").bytes
            let files = (try JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any])?["files"] as? [[String: Any]]
            #expect(files?.first?["bytes"] as? Int == file.count)
            #expect(files?.first?["md5"] as? String == (try await lake.get("exports/clickstream_events/year=2025/month=12/day=03/part-00000.parquet").etag))
        }
    }
}
