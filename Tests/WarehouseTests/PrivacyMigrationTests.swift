import Enrichment
import Foundation
import Postgres
import Testing
import TestSupport
import Warehouse

/// The privacy migration on a warehouse loaded before it: no IP address may remain anywhere in the database.
@Suite("Privacy migration")
struct PrivacyMigrationTests {
    static let addresses = ["203.0.113.24", "169.235.214.44", "2405:4800:1a2b::7", "198.51.100.99", "192.0.2.55"]

    static let privacy = WarehouseMigrations.all.first { $0.name.contains("no client IP addresses") }

    /// A database at the schema just before the privacy migration, holding addresses where the loader used to
    /// keep them: `_ingest.sourceIp`, `_client_ingest.sourceIp`, Kinesis `user_ip`, a reject's excerpt and
    /// detail, an unknown field's example.
    static func loadedBeforePrivacy(_ db: TestDatabase) async throws {
        let privacy = try #require(Self.privacy)
        try await db.pool.withConnection { connection in
            try connection.execute(OriginalWarehouse.resetSQL)
            try PostgresMigrator(migrations: WarehouseMigrations.all.filter { $0.version < privacy.version })
                .apply(on: connection, logger: .init(label: "test"))
            try connection.execute("""
                INSERT INTO clickstream_events (event_id, event_timestamp, event_name, properties, country, region, city) VALUES
                ('00000000-0000-4000-8000-000000000001', now(), 'page_view',
                 '{"_ingest":{"sourceIp":"203.0.113.24","method":"POST"},"_client_ingest":{"sourceIp":"198.51.100.99"}}', NULL, NULL, NULL),
                ('00000000-0000-4000-8000-000000000002', now(), 'Search', '{"user_ip":"169.235.214.44","pixel_id":"x"}', 'US', 'California', 'Riverside'),
                ('00000000-0000-4000-8000-000000000003', now(), 'page_view', '{"_ingest":{"sourceIp":"2405:4800:1a2b::7"}}', NULL, NULL, NULL),
                ('00000000-0000-4000-8000-000000000004', now(), 'page_view', '{"_ingest":{"sourceIp":"10.0.0.1"},"kept":1}', NULL, NULL, NULL);
                INSERT INTO etl_rejects (object_key, position, reason, detail, excerpt) VALUES
                ('events/x.json', 0, 'bad_timestamp', 'from 192.0.2.55: not a time',
                 '{"eventName":"page_view","_ingest":{"receivedAt":"yesterday","sourceIp":"203.0.113.24"}}');
                INSERT INTO etl_unknown_fields (dialect, field_name, example_value) VALUES ('sbw', 'clientAddress', '"169.235.214.44"');
                """)
        }
    }

    /// The whole database as pg_dump writes it (data and schema).
    static func dump(_ db: TestDatabase) throws -> String {
        let tools = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
        let pgDump = try #require(tools.first { FileManager.default.isExecutableFile(atPath: $0) }, "pg_dump is not installed")
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: pgDump)
        process.arguments = ["--dbname=\(db.url)", "--no-owner"]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("after the migration no address remains anywhere in a dump of the database")
    func noAddressInDump() async throws {
        try await withTestDatabase { db in
            try await Self.loadedBeforePrivacy(db)
            let before = try Self.dump(db)
            for address in Self.addresses { #expect(before.contains(address), "the fixture holds \(address)") }
            try await WarehouseMigrations.apply(pool: db.pool, logger: .init(label: "test"))
            let after = try Self.dump(db)
            for address in Self.addresses + ["10.0.0.1"] { #expect(!after.contains(address), "\(address) is still in the dump") }
            let properties = try await db.pool.query("SELECT properties::text FROM clickstream_events ORDER BY event_id").map { $0[0] }
            #expect(properties == [#"{"_ingest": {"method": "POST"}, "_client_ingest": {}}"#, #"{"pixel_id": "x"}"#,
                                   #"{"_ingest": {}}"#, #"{"kept": 1, "_ingest": {}}"#])
            let reject = try await db.pool.query("SELECT detail, excerpt FROM etl_rejects")[0]
            #expect(reject[0] == "from [ip]: not a time")
            #expect(reject[1]?.contains(#""sourceIp":"[ip]""#) == true)
        }
    }

    @Test("rows without a country get the one their address gave before it went; a payload's own country stays")
    func locatesBeforeScrubbing() async throws {
        try await withTestDatabase { db in
            try await Self.loadedBeforePrivacy(db)
            let places: [String: DerivedFields.Location] = [
                "203.0.113.24": .init(country: "VN", region: "Hanoi", city: "Hanoi"),
                "2405:4800:1a2b::7": .init(country: "VN", region: nil, city: nil),
                "169.235.214.44": .init(country: "CA", region: "Ontario", city: "Toronto"),
            ]
            try await WarehouseMigrations.apply(pool: db.pool, logger: .init(label: "test"), locatingAddressesWith: { places[$0] })
            let rows = try await db.pool.query("SELECT country, region, city FROM clickstream_events ORDER BY event_id")
                .map { [$0[0], $0[1], $0[2]] }
            #expect(rows == [["VN", "Hanoi", "Hanoi"], ["US", "California", "Riverside"], ["VN", nil, nil], [nil, nil, nil]])
        }
    }
}
