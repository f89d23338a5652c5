import Foundation
import Money
import Postgres
import TestSupport
import Testing
@testable import Pipeline

/// The loader writes events in binary COPY format and sends key lists as hand-built array literals;
/// PostgreSQL must read back exactly what its own text input would have made of the same values.
@Suite("Binary COPY and key lists")
struct BinaryCopyTests {
    static let numerals = [
        "0", "-0", "7", "1990000", "694.83", "0.001", "1.50", "-12.50", "1e3", "1E+2", "1.5e-2", "-0.5e-7", "+5",
        "0.0000", "100000000", "9999.9999", "10000", "0.00010000", "123456789012345678901234567890.123456789",
        "1e1000", "-1e-1000", "00012.3400",
    ]

    @Test("numbers written as binary numeric equal numeric_in of their text, digits and scale included")
    func numericMatchesTextInput() async throws {
        try await withTestDatabase { db in
            let mismatches = try await db.pool.withConnection { connection in
                try connection.transaction { connection in
                    try connection.execute("CREATE TEMP TABLE numerals (n numeric, t text) ON COMMIT DROP")
                    let copied = try connection.copyIn("COPY numerals (n, t) FROM STDIN WITH (FORMAT binary)", format: .binary) { writer in
                        for literal in Self.numerals {
                            writer.beginRow(fieldCount: 2)
                            writer.writeNumeric(literal)
                            writer.write(literal)
                            writer.endRow()
                        }
                    }
                    #expect(copied == Self.numerals.count)
                    return try connection.query("SELECT t, n::text FROM numerals WHERE n::text IS DISTINCT FROM t::numeric::text")
                        .map { "\(try $0.decode(String.self, at: 0)) -> \(try $0.decode(String.self, at: 1))" }
                }
            }
            #expect(mismatches == [])
        }
    }

    @Test("text that is not a decimal number fails the COPY instead of loading something else")
    func numericRefusesJunk() async throws {
        _ = try await withTestDatabase { db in
            await #expect(throws: PostgresError.self) {
                try await db.pool.withConnection { connection in
                    try connection.transaction { connection in
                        try connection.execute("CREATE TEMP TABLE numerals (n numeric) ON COMMIT DROP")
                        _ = try connection.copyIn("COPY numerals (n) FROM STDIN WITH (FORMAT binary)", format: .binary) { writer in
                            writer.beginRow(fieldCount: 1)
                            writer.writeNumeric("12,5")
                            writer.endRow()
                        }
                    }
                }
            }
        }
    }

    @Test("an event row in binary format reads back column for column, NULLs and jsonb included")
    func eventRowRoundTrips() async throws {
        let id = try #require(UUID(uuidString: "0B9A7C52-3F1E-4C5A-9D55-2F7F3F0F1A01"))
        var event = CanonicalEvent(eventID: id, eventTimestamp: EventTimestamp(microseconds: 1_765_000_800_123_456),
                                   eventName: "checkout_complete", dialect: .sbw, sourceKey: "events/a\tb.json", sourcePosition: 3)
        event.userID = "u\\1"
        event.isFirstVisit = false
        event.productPrice = try AmountRule.check("1990000")
        event.orderTotal = try AmountRule.check("694.83")
        event.productName = "Chuột \"Pro\"\n"
        event.properties = #"{"k":[1,"x"]}"#
        let staged = event
        try await withTestDatabase { db in
            let row = try await db.pool.withConnection { connection in
                try connection.transaction { connection in
                    try connection.execute("CREATE TEMP TABLE staged (LIKE clickstream_events INCLUDING DEFAULTS) ON COMMIT DROP")
                    _ = try connection.copyIn(EventLoader.copyEvents.replacingOccurrences(of: "clickstream_events", with: "staged"),
                                              format: .binary) { writer in
                        staged.writeCopyRow(into: &writer, loadTransaction: 42)
                    }
                    let result = try connection.query("""
                        SELECT event_id::text, event_timestamp = '2025-12-06 06:00:00.123456+00', event_name, user_id,
                               is_first_visit, context_product_price::text, order_total::text, context_product_name,
                               properties::text, dialect, source_key, source_position, client_id IS NULL, load_xact
                        FROM staged
                        """)
                    let row = try #require(result.first)
                    return [try row.decode(String.self, at: 0), String(try row.decode(Bool.self, at: 1)), try row.decode(String.self, at: 2),
                            try row.decode(String.self, at: 3), String(try row.decode(Bool.self, at: 4)), try row.decode(String.self, at: 5),
                            try row.decode(String.self, at: 6), try row.decode(String.self, at: 7), try row.decode(String.self, at: 8),
                            try row.decode(String.self, at: 9), try row.decode(String.self, at: 10), String(try row.decode(Int.self, at: 11)),
                            String(try row.decode(Bool.self, at: 12)), String(try row.decode(Int64.self, at: 13))]
                }
            }
            #expect(row == ["0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01", "true", "checkout_complete", "u\\1", "false", "1990000",
                            "694.83", "Chuột \"Pro\"\n", #"{"k": [1, "x"]}"#, "sbw", "events/a\tb.json", "3", "true", "42"])
        }
    }

    @Test("key lists with quotes, backslashes, commas, braces and non-ASCII reach the server intact")
    func keyListsRoundTrip() async throws {
        let keys = ["events/plain.json", #"events/"quoted".json"#, #"events/back\slash.json"#, "events/a,b{c}.json",
                    "events/tiếng việt.json", "events/ space .json", "NULL", ""]
        try await withTestDatabase { db in
            let result = try await db.pool.query("SELECT unnest($1::text[])", [TextArrayLiteral(keys)])
            #expect(try result.map { try $0.decode(String.self, at: 0) } == keys)
        }
    }

    @Test("text COPY escapes backslash, tab, newline and carriage return and copies the rest unchanged")
    func textRowsEscape() async throws {
        let values = ["plain", "tab\there", "new\nline", "cr\rlf", #"back\slash"#, "\\N", "ünïcode ✓", ""]
        try await withTestDatabase { db in
            let read = try await db.pool.withConnection { connection in
                try connection.transaction { connection in
                    try connection.execute("CREATE TEMP TABLE texts (i int, t text) ON COMMIT DROP")
                    _ = try connection.copyIn("COPY texts (i, t) FROM STDIN") { writer in
                        for (index, value) in values.enumerated() { writer.writeRow([String(index), value]) }
                        writer.writeRow([String(values.count), nil])
                    }
                    return try connection.query("SELECT coalesce(t, '<null>') FROM texts ORDER BY i").map { try $0.decode(String.self, at: 0) }
                }
            }
            #expect(read == values + ["<null>"])
        }
    }
}
