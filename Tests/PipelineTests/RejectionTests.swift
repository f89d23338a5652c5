import Foundation
import Gzip
import Testing
@testable import Pipeline

@Suite("Framing and refusals")
struct RejectionTests {
    static let expectedReasons: [String: RejectReason] = [
        "bad/bad-timestamp.json": .badTimestamp,
        "bad/empty.json": .emptyObject,
        "bad/invalid-utf8.json": .invalidUTF8,
        "bad/no-event-name.json": .missingEventName,
        "bad/not-an-object.json": .notAnObject,
        "bad/price-not-a-number.json": .badNumber,
        "bad/truncated.json": .invalidJSON,
    ]

    @Test("every bad sample is refused with its reason and nothing loads", arguments: expectedReasons.keys.sorted())
    func refusesBadSample(path: String) throws {
        let object = try Fixtures.decode(fixture: path)
        #expect(object.events.isEmpty)
        #expect(!object.rejects.isEmpty)
        #expect(object.rejects.allSatisfy { $0.reason == Self.expectedReasons[path] })
        #expect(object.rejects.allSatisfy { $0.excerpt.count <= 200 && !$0.detail.isEmpty })
    }

    @Test("[1,2,3] gives one not_an_object per element, at its position")
    func refusesEachNonObjectElement() throws {
        let object = try Fixtures.decode(fixture: "bad/not-an-object.json")
        #expect(object.rejects.map(\.position) == [0, 1, 2])
        #expect(object.rejects.map(\.excerpt) == ["1", "2", "3"])
    }

    @Test("an empty or blank event name is refused as missing_event_name, in every dialect")
    func refusesBlankEventNames() {
        let text = """
            {"eventName":"","clientId":"a"}
            {"event_name":"   ","click_id":"0b9a7c523f1e4c5a9d552f7f3f0f1a01"}
            {"event_type":"","session_id":"s"}
            {"eventName":" page_view","clientId":"b"}
            """
        let object = Fixtures.decode(text.bytes)
        #expect(object.rejects.map(\.reason) == [.missingEventName, .missingEventName, .missingEventName])
        #expect(object.rejects.map(\.detail) == ["the event name is empty", "the event name is only spaces", "the event name is empty"])
        #expect(object.events.map(\.eventName) == [" page_view"])
    }

    @Test("an NDJSON file with one bad line loads the other lines")
    func oneBadLineDoesNotStopTheFile() {
        let text = """
            {"eventName":"page_view","clientId":"a"}

            {"eventName":"page_view","clientId":
            {"eventName":"click","clientId":"c"}
            [1]
            """
        let object = Fixtures.decode(text.bytes)
        #expect(object.events.map(\.clientID) == ["a", "c"])
        #expect(object.events.map(\.sourcePosition) == [0, 3])
        #expect(object.rejects.map(\.reason) == [.invalidJSON, .notAnObject])
        #expect(object.rejects.map(\.position) == [2, 4])
    }

    @Test("a pretty-printed object with invalid UTF-8 is one invalid_utf8 reject, not one reject per line")
    func prettyPrintedInvalidUTF8IsOneReject() {
        let bytes = "{\n  \"eventName\": \"page_view\",\n  \"clientId\": \"".bytes + [0xFF, 0xFE] + "\"\n}\n".bytes
        let object = Fixtures.decode(bytes)
        #expect(object.events.isEmpty)
        #expect(object.rejects.map(\.reason) == [.invalidUTF8])
        #expect(object.rejects.first?.position == 0)
    }

    @Test("NDJSON with invalid UTF-8 on every line (a Latin-1 export) is one invalid_utf8 reject per line")
    func latin1NDJSONIsOneRejectPerLine() {
        var bytes: [UInt8] = []
        for index in 0..<3 { bytes += #"{"eventName":"caf"#.bytes + [0xE9] + "\",\"n\":\(index)}\n".bytes }
        let object = Fixtures.decode(bytes)
        #expect(object.rejects.map(\.reason) == [.invalidUTF8, .invalidUTF8, .invalidUTF8])
        #expect(object.rejects.map(\.position) == [0, 1, 2])
    }

    @Test("invalid UTF-8 on one NDJSON line refuses that line only")
    func invalidUTF8LineIsRefusedAlone() {
        var bytes = #"{"eventName":"a"}"#.bytes + [0x0A]
        bytes += #"{"eventName":"b\#u{0}"}"#.bytes.map { $0 == 0 ? 0xFF : $0 } + [0x0A]
        bytes += #"{"eventName":"c"}"#.bytes
        let object = Fixtures.decode(bytes)
        #expect(object.events.map(\.eventName) == ["a", "c"])
        #expect(object.rejects.map(\.reason) == [.invalidUTF8])
        #expect(object.rejects.first?.position == 1)
    }

    @Test("gzip-compressed NDJSON decodes like the plain file")
    func decodesGzipNDJSON() throws {
        let plain = try Fixtures.bytes("kinesis-poc/enriched-firehose-batch.ndjson")
        let object = Fixtures.decode(try Gzip.compress(plain), key: "events/2021/07/12/20/batch.ndjson.gz")
        #expect(object.events.count == 3)
        #expect(object.rejects.isEmpty)
    }

    @Test("corrupt gzip is refused as invalid_gzip")
    func refusesCorruptGzip() {
        let object = Fixtures.decode([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03])
        #expect(object.rejects.map(\.reason) == [.invalidGzip])
    }

    @Test("a pretty-printed array of objects is one document, not lines")
    func framesPrettyPrintedArray() {
        let text = "[\n  {\"eventName\": \"a\"},\n  {\"eventName\": \"b\"}\n]\n"
        let object = Fixtures.decode(text.bytes)
        #expect(object.events.map(\.eventName) == ["a", "b"])
        #expect(object.events.map(\.sourcePosition) == [0, 1])
    }

    @Test("a broken pretty-printed object is one invalid_json, not one per line")
    func collapsesBrokenMultiLineDocument() {
        let object = Fixtures.decode("{\n  \"eventName\": \"a\",\n  \"clientId\": \n".bytes)
        #expect(object.rejects.map(\.reason) == [.invalidJSON])
    }

    @Test("a time more than a day ahead is future_timestamp; one hour ahead is fine")
    func refusesFutureTimestamps() {
        let farAhead = Fixtures.decode(#"{"eventName":"a","_ingest":{"receivedAt":"2025-12-08T00:00:00Z"}}"#.bytes)
        #expect(farAhead.rejects.map(\.reason) == [.futureTimestamp])
        let slightlyAhead = Fixtures.decode(#"{"eventName":"a","_ingest":{"receivedAt":"2025-12-06T07:00:00Z"}}"#.bytes)
        #expect(slightlyAhead.events.count == 1)
    }

    @Test("long text, wrong types and bad booleans are refused with their field named")
    func refusesBrokenFields() {
        let longName = String(repeating: "x", count: 513)
        let cases: [(String, RejectReason, String)] = [
            (#"{"eventName":"a","product":{"name":"\#(longName)"}}"#, .fieldTooLong, "product.name"),
            (#"{"eventName":"a","clientId":{"x":1}}"#, .badType, "clientId"),
            (#"{"eventName":"a","isFirstVisit":"maybe"}"#, .badType, "isFirstVisit"),
            (#"{"eventName":"a","product":"keyboard"}"#, .badType, "product"),
            (#"{"eventName":"a","product":{"price":true}}"#, .badNumber, "product.price"),
            (#"{"eventName":"a","timestamp":"2025-02-30T00:00:00Z"}"#, .badTimestamp, "timestamp"),
            (#"{"eventName":""#, .invalidJSON, "byte"),
            ("42", .notAnObject, "number"),
        ]
        for (text, reason, fieldName) in cases {
            let object = Fixtures.decode(text.bytes)
            #expect(object.rejects.map(\.reason) == [reason], "\(text)")
            #expect(object.rejects.first?.detail.contains(fieldName) == true, "\(object.rejects.first?.detail ?? "")")
        }
    }

    @Test("a refused value is shown as the payload had it: a string in one pair of quotes, a number bare")
    func detailsShowValuesAsJSON() {
        let cases: [(String, String)] = [
            (#"{"eventName":"a","_ingest":{"receivedAt":"yesterday"}}"#, #"_ingest.receivedAt: "yesterday" is not a valid time"#),
            (#"{"eventName":"a","timestamp":-1e300}"#, "timestamp: -1e300 is not a valid time"),
            (#"{"eventName":"a","isFirstVisit":"maybe"}"#, #"isFirstVisit: expected a boolean, got "maybe""#),
            (#"{"eventName":"a","product":{"price":"abc"}}"#, #"product.price: "abc" is not a number"#),
        ]
        for (text, detail) in cases {
            #expect(Fixtures.decode(text.bytes).rejects.first?.detail == detail, "\(text)")
        }
    }

    @Test("amounts outside 0 ≤ value < 10^15 with 4 decimals are bad_number, naming the field and the rule")
    func refusesAmountsOutsideTheRule() {
        let fields = [#""product":{"price":%@}"#, #""product":{"discountPrice":%@}"#, #""orderTotal":%@"#,
                      #""context_product":{"product_price":%@}"#, #""context_product_discount_price":%@"#]
        let values = [("1e400", "is 10^15 or more"), ("\"-1e400\"", "is negative"), ("-5", "is negative"),
                      ("1e-400", "has more than 4 decimal places"), ("\"0.00001\"", "has more than 4 decimal places"),
                      ("1" + String(repeating: "0", count: 49), "is 10^15 or more")]
        for field in fields {
            for (value, broken) in values {
                let text = #"{"eventName":"checkout_complete","# + field.replacingOccurrences(of: "%@", with: value) + "}"
                let object = Fixtures.decode(text.bytes)
                #expect(object.rejects.map(\.reason) == [.badNumber], "\(text)")
                let detail = object.rejects.first?.detail ?? ""
                #expect(detail.contains(broken) && detail.contains("0 ≤ value < 10^15, at most 4 decimal places"), "\(detail)")
            }
        }
        let dataset = Fixtures.decode(#"{"eventName":"checkout_complete","element":{"dataset":{"total":"1e400"}}}"#.bytes)
        #expect(dataset.rejects.first?.detail.hasPrefix("element.dataset.total: ") == true)
        let kinesis = Fixtures.decode(#"{"event_name":"Purchase","click_id":"0b9a7c523f1e4c5a9d552f7f3f0f1a01","additional_data":{"price":-1}}"#.bytes)
        #expect(kinesis.rejects.first?.detail.hasPrefix("additional_data.price: ") == true)
    }

    @Test("amounts within the rule load in plain notation, exponents and a 50-digit zero-padded integer included")
    func admitsAmountsWithinTheRule() {
        let cases = [("1.99e6", "1990000"), ("\"999999999999999.9999\"", "999999999999999.9999"), ("0", "0"),
                     ("\"" + String(repeating: "0", count: 49) + "7\"", "7"), ("\"12.50\"", "12.50")]
        for (value, stored) in cases {
            let object = Fixtures.decode(#"{"eventName":"checkout_complete","orderTotal":\#(value)}"#.bytes)
            #expect(object.events.first?.orderTotal?.text == stored, "\(value)")
        }
    }

    @Test("without any time in the payload the object's LastModified is the event time")
    func fallsBackToLastModified() {
        let object = Fixtures.decode(#"{"eventName":"a","is_first_visit":"TRUE","product":{"price":" 12.50 "}}"#.bytes)
        let event = object.events.first
        #expect(event?.eventTimestamp == Fixtures.lastModified)
        #expect(event?.isFirstVisit == true)
        #expect(event?.productPrice?.text == "12.50")  // exact text, trailing zero kept
    }

    @Test("an invalid payload id is kept in properties and replaced by a derived one")
    func replacesInvalidEventID() throws {
        let object = Fixtures.decode(#"{"eventName":"a","eventId":"not-a-uuid"}"#.bytes)
        let event = try #require(object.events.first)
        #expect(event.eventID == UUIDv5.eventID(objectKey: "events/2025/12/06/05/test.json", etag: "etag-1", position: 0))
        #expect(event.properties == #"{"eventId":"not-a-uuid"}"#)
    }
}
