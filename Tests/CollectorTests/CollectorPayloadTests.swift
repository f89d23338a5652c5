import Foundation
import Testing
@testable import Collector

/// The byte-level JSON handling that replaced Foundation's parse-and-rewrite: it must accept and refuse
/// exactly what JSON does, and write events the ETL reads the same way.
@Suite("Collector payload: strict JSON scanning and stamping")
struct CollectorPayloadTests {
    func scans(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (try? JSONScanner.value(in: bytes, 0..<bytes.count)) != nil
    }

    @Test("accepts JSON", arguments: [
        #"{"a":1}"#, #" { "a" : [1, -2.5e+3, 0.1, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9"] } "#, "[]", "{}", "0", "-0",
        #""\ud83d\ude00""#, "[[[[]]]]", #"{"a":{"b":{"c":[{}]}}}"#, "1E5", "12", "\"Điện thoại\"",
    ])
    func acceptsJSON(_ text: String) {
        #expect(scans(text), "\(text.debugDescription)")
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil)
    }

    /// Stricter than Foundation on Linux, which takes trailing commas; the original Lambda's JSON.parse did not.
    @Test("refuses what is not JSON (RFC 8259)", arguments: [
        "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "+1", "1e", "tru", "nul", "\"a",
        "\"\u{01}\"", #""\x""#, #""\u12g4""#, "[1 2]", "{\"a\":1}}", "'a'", "", "  ", "NaN", "[1]x",
    ])
    func refusesNonJSON(_ text: String) {
        #expect(!scans(text), "\(text.debugDescription)")
    }

    @Test("refuses nesting deeper than the limit instead of recursing without bound")
    func deepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(!scans(deep))
        let fine = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(scans(fine))
    }

    @Test("eventName spelled with an escape is still the event name; a non-string name is missing")
    func eventNameSpellings() throws {
        #expect(try CollectorPayload.events(from: Array(#"{"event\u004eame":"a"}"#.utf8), contentType: nil, maxEvents: 5).count == 1)
        #expect(throws: CollectorError.missingEventName(position: 0)) {
            try CollectorPayload.events(from: Array(#"{"eventName":5,"event_name":"a"}"#.utf8), contentType: nil, maxEvents: 5)
        }
        #expect(throws: CollectorError.missingEventName(position: 0)) {
            try CollectorPayload.events(from: Array(#"{"eventName":"  "}"#.utf8), contentType: nil, maxEvents: 5)
        }
    }

    @Test("a body that is not UTF-8 is refused")
    func notUTF8() {
        #expect(throws: CollectorError.self) {
            try CollectorPayload.events(from: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], contentType: nil, maxEvents: 5)
        }
    }

    @Test("stamping: our _ingest first, the client's members byte for byte, a forged _ingest kept aside")
    func stamping() throws {
        let body = Array(#"{"eventName":"a","n":1.50,"s":"Điện \"x\"","_ingest":{"sourceIp":"6.6.6.6"},"_client_ingest":1,"o":{"k":[1,2]}}"#.utf8)
        let event = try #require(try CollectorPayload.events(from: body, contentType: "application/json", maxEvents: 5).first)
        let ingest = IngestMetadata(receivedAt: Date(timeIntervalSince1970: 1_765_000_000.5129), sourceIP: "203.0.113.9",
                                    userAgent: "Mozilla \"quoted\"\n\u{01}", method: "POST", path: "/clickstream", requestID: "r1")
        let stamped = IngestMetadata.stamp(event, body: body, ingest: ingest.member())
        let text = String(decoding: stamped, as: UTF8.self)
        #expect(text.hasPrefix(#"{"_ingest":{"method":"POST","path":"/clickstream","receivedAt":"2025-12-06T05:46:40.512Z","requestId":"r1","sourceIp":"203.0.113.9","userAgent":"Mozilla \"quoted\"\n\u0001"},"eventName":"a","n":1.50,"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stamped)) as? [String: Any])
        #expect(object["s"] as? String == "Điện \"x\"")
        #expect((object["_client_ingest"] as? [String: Any])?["sourceIp"] as? String == "6.6.6.6")
        #expect((object["_ingest"] as? [String: Any])?["userAgent"] as? String == "Mozilla \"quoted\"\n\u{01}")
        #expect(((object["o"] as? [String: Any])?["k"] as? [Int]) == [1, 2])
        #expect(Set(object.keys) == ["_ingest", "eventName", "n", "s", "_client_ingest", "o"])
    }

    @Test("receipt times are ISO 8601 UTC with milliseconds, like the Lambda's", arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"), (1_765_000_000.5129, "2025-12-06T05:46:40.512Z"),
        (951_782_400.999, "2000-02-29T00:00:00.999Z"), (-1.5, "1969-12-31T23:59:58.500Z"),
    ])
    func receiptTimes(_ seconds: Double, _ expected: String) {
        #expect(IngestMetadata.iso8601(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
