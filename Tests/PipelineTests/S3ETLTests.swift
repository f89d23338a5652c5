import Foundation
import Lake
import Logging
import TestSupport
import Testing
@testable import Pipeline

/// The ETL over a real S3-compatible server (moto), as `make test` starts it: CLICKSTREAM_TEST_S3_ENDPOINT.
@Suite("ETL from S3 (moto)")
struct S3ETLTests {
    static let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"]

    static func makeLake(pageSize: Int) async throws -> S3Lake {
        let endpoint = try #require(ProcessInfo.processInfo.environment["CLICKSTREAM_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)),
                                    "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        var configuration = S3Lake.Configuration(bucket: "etl-\(UUID().uuidString.lowercased().prefix(12))")
        configuration.endpoint = endpoint
        configuration.pageSize = pageSize
        let lake = S3Lake(configuration: configuration, logger: Logger(label: "test"), environment: environment)
        try await lake.createBucket()
        return lake
    }

    @Test("every layout and framing from S3, many objects in flight and paged listings; a re-run adds nothing")
    func loadsMixedLakeFromS3() async throws {
        let lake = try await Self.makeLake(pageSize: 25)  // several listing pages
        let mixed = try MixedLake.make(singles: 60, batches: 4, perBatch: 120, arrays: 3, perArray: 20)
        try await mixed.write(to: lake)
        try await lake.put("events/2025/12/06/05/sample.json", bytes: try Fixtures.bytes("sbw-ingest/event-snake-case-no-id.json"),
                           contentType: "application/json")
        try await withTestDatabase { db in
            var configuration = ETL.Configuration()
            configuration.batchObjects = 10
            configuration.readConcurrency = 16
            let etl = ETL(store: lake, pool: db.pool, configuration: configuration, logger: ETLTests.logger)
            let first = try await etl.run(trigger: "test")
            #expect(first.objects == mixed.objects.count + 1)
            #expect(first.events == mixed.expectedEvents + 1)
            #expect(first.rejectsByReason == ["invalid_json": mixed.rejectCount])
            #expect(first.duplicates == 3)  // the replayed line of batches 1-3
            // The derived id uses the ETag S3 gave, so a re-read finds the same id.
            let key = "events/2025/12/06/05/sample.json"
            let etag = try #require(try await db.pool.query("SELECT etag FROM etl_objects WHERE object_key = $1", [key]).first?[0])
            let id = try #require(try await db.pool.query("SELECT event_id::text FROM clickstream_events WHERE source_key = $1", [key]).first?[0])
            #expect(id == UUIDText.lowercased(UUIDv5.eventID(objectKey: key, etag: etag, position: 0)))

            let again = try await etl.run(trigger: "test")
            #expect((again.objects, again.events, again.alreadyLoaded) == (0, 0, mixed.objects.count + 1))
            #expect(try await ETLTests.count(db.pool, "SELECT count(*) FROM clickstream_events") == mixed.expectedEvents + 1)
        }
    }
}
