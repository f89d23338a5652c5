import Foundation
import Lake
import Postgres
import TestSupport
import Testing
@testable import Pipeline

@Suite("Ledger of loaded objects")
struct ObjectLedgerTests {
    static func object(_ key: String, size: Int64 = 10) -> LakeObject {
        LakeObject(key: key, size: size, lastModified: Date(timeIntervalSince1970: 0), etag: nil)
    }

    static func record(_ keys: [String], size: Int64 = 10, in pool: PostgresPool) async throws {
        try await pool.query("INSERT INTO etl_objects (object_key, size_bytes) SELECT unnest($1::text[]), $2",
                             [TextArrayLiteral(keys), size])
    }

    @Test("a page's loaded keys are found, a changed size is flagged, and keys around them are not counted")
    func findsLoadedKeysOfAPage() async throws {
        try await withTestDatabase { db in
            try await Self.record(["events/01/a.json", "events/01/c.json", "events/02/x.json"], in: db.pool)
            try await Self.record(["events/01/d.json"], size: 99, in: db.pool)
            let page = ["events/01/a.json", "events/01/b.json", "events/01/c.json", "events/01/d.json"].map { Self.object($0) }
            let check = try await ObjectLedger(pool: db.pool).check(page)
            #expect(check.unloaded.map(\.key) == ["events/01/b.json"])
            #expect(check.loaded == 3)
            #expect(check.changed.map(\.key) == ["events/01/d.json"])
        }
    }

    @Test("ledger keys the lake no longer lists, thousands of them inside a page's range, hide none of its keys")
    func manyDeletedKeysInsideThePageRange() async throws {
        try await withTestDatabase { db in
            try await Self.record((0..<3_000).map { "events/05/old-\($0).json" } + ["events/09/z.json"], in: db.pool)
            let check = try await ObjectLedger(pool: db.pool).check([Self.object("events/01/a.json"), Self.object("events/09/z.json")])
            #expect(check.unloaded.map(\.key) == ["events/01/a.json"])
            #expect(check.loaded == 1)
        }
    }

    @Test("a key spelled with other Unicode bytes than a loaded one (NFD against NFC) is a different object")
    func canonicallyEquivalentKeysStayDistinct() async throws {
        try await withTestDatabase { db in
            try await Self.record(["events/01/caf\u{E9}.json"], in: db.pool)
            let decomposed = "events/01/cafe\u{301}.json"
            let check = try await ObjectLedger(pool: db.pool).check([Self.object("events/01/a.json"), Self.object(decomposed)])
            #expect(check.unloaded.map { Array($0.key.utf8) } == [Array("events/01/a.json".utf8), Array(decomposed.utf8)])
            #expect(check.loaded == 0)
        }
    }

    @Test("ledger keys compare bytewise, the order listings use, whatever the database's collation")
    func keysCompareBytewise() async throws {
        try await withTestDatabase { db in
            let collation = try await db.pool.query("""
                SELECT collation_name FROM information_schema.columns WHERE table_name = 'etl_objects' AND column_name = 'object_key'
                """)
            #expect(try collation.first?.decode(String.self, at: 0) == "C")
            // "B" (0x42) sorts before "a" (0x61) as bytes, after it in most locales.
            try await Self.record(["events/B.json", "events/a.json"], in: db.pool)
            let check = try await ObjectLedger(pool: db.pool).check([Self.object("events/B.json"), Self.object("events/a.json")])
            #expect(check.loaded == 2)
        }
    }
}
