import Foundation
import Testing
@testable import Pipeline

@Suite("Parsing primitives")
struct PrimitivesTests {
    @Test("timestamps: ISO 8601 with offsets, Kinesis form, dates, epoch numbers", arguments: [
        ("2025-12-06T05:14:09.512Z", "2025-12-06 05:14:09.512000+00"),
        ("2025-12-06T05:20:00+07:00", "2025-12-05 22:20:00.000000+00"),
        ("2025-12-06T05:20:00-0330", "2025-12-06 08:50:00.000000+00"),
        ("2021-07-12 12:01:58.732726", "2021-07-12 12:01:58.732726+00"),
        ("2021-07-12T12:01:58.7327269", "2021-07-12 12:01:58.732726+00"),
        ("2024-02-29", "2024-02-29 00:00:00.000000+00"),
        ("1999-12-31T23:59:60Z", "2000-01-01 00:00:00.000000+00"),
    ])
    func parsesTimestamps(text: String, expected: String) {
        #expect(EventTimestamp(parsing: text)?.description == expected)
    }

    @Test("malformed timestamps are refused", arguments: [
        "yesterday-ish", "", "2025-13-01T00:00:00Z", "2023-02-29", "2025-12-06T25:00:00Z", "2025-12-06T05:14:09.Z",
        "2025-12-06T05:14:09+07:", "1800-01-01", "2025-12-06T05:14:09Z junk",
    ])
    func refusesTimestamps(text: String) {
        #expect(EventTimestamp(parsing: text) == nil)
    }

    @Test("epoch numbers in seconds and milliseconds")
    func parsesEpochNumbers() {
        #expect(EventTimestamp(epochNumber: "1765000800")?.description == "2025-12-06 06:00:00.000000+00")
        #expect(EventTimestamp(epochNumber: "1765000800123")?.description == "2025-12-06 06:00:00.123000+00")
        #expect(EventTimestamp(epochNumber: "-5") == nil)
    }

    @Test("UUID v5 matches RFC 9562's reference (DNS namespace, www.example.com)")
    func uuidV5MatchesReference() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(UUIDv5.make(namespace: dns, name: "www.example.com").uuidString.lowercased() == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test("JSON parser keeps number text, key order, escapes and refuses junk")
    func parsesJSON() throws {
        let value = try JSONParser.parse(#"{"b":1.50,"a":[true,null,"\u00e9\ud83d\ude00\n"],"c":-0.1e5}"#.bytes)
        #expect(value == .object([
            JSONMember(key: "b", value: .number("1.50")),
            JSONMember(key: "a", value: .array([.bool(true), .null, .string("é😀\n")])),
            JSONMember(key: "c", value: .number("-0.1e5")),
        ]))
        #expect(JSONWriter.string(value) == #"{"b":1.50,"a":[true,null,"é😀\n"],"c":-0.1e5}"#)
        for junk in ["{", "[1,]", "01", "\"\u{1}\"", "{\"a\" 1}", "tru", "1e99999", "\"\\x\"", "[1] [2]"] {
            #expect(throws: JSONParseError.self, "\(junk)") { try JSONParser.parse(junk.bytes) }
        }
        #expect(try JSONParser.parse(#""\u0000""#.bytes) == .string("\u{FFFD}"))
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep.bytes) }
    }

    @Test("UTF-8 validation refuses overlongs, surrogates and truncation")
    func validatesUTF8() {
        #expect(UTF8Validator.isValid("Bàn phím 😀".bytes))
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80]] {
            #expect(!UTF8Validator.isValid(bad), "\(bad)")
        }
    }

    @Test("uuid text round-trips in both spellings and refuses near misses")
    func parsesUUIDText() throws {
        let id = try #require(UUIDText.parse("0B9A7C52-3f1e-4c5a-9d55-2f7f3f0f1a01"))
        #expect(UUIDText.lowercased(id) == "0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01")
        #expect(UUIDText.parse("0b9a7c523f1e4c5a9d552f7f3f0f1a01") == id)
        for bad in ["0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a0", "0b9a7c52x3f1e-4c5a-9d55-2f7f3f0f1a01", "0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a0g"] {
            #expect(UUIDText.parse(bad) == nil, "\(bad)")
        }
    }
}
