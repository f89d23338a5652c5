import Foundation
import Testing
@testable import Pipeline

@Suite("Dialect decoding")
struct DialectDecodingTests {
    @Test("SBW product_view keeps prices, ids, receipt time and user agent")
    func decodesSBWProductView() throws {
        let object = try Fixtures.decode(fixture: "sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json")
        #expect(object.rejects.isEmpty)
        let event = try #require(object.events.first)
        #expect(event.eventID.uuidString.lowercased() == "0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01")
        #expect(event.eventName == "product_view")
        #expect(event.eventTimestamp.description == "2025-12-06 05:14:09.512000+00")
        #expect(event.productPrice?.text == "1990000")
        #expect(event.productDiscountPrice?.text == "1790000")
        #expect(event.productName == "Bàn phím AULA M75 TM")
        #expect(event.productCategory == "keyboard")
        #expect(event.productBrand == "AULA")
        #expect(event.productURLPath == "/product/ban-phim-aula-m75-tm")
        #expect(event.userID == nil)
        #expect(event.userLoginState == "anonymous")
        #expect(event.isFirstVisit == true)
        #expect(event.userAgent?.hasPrefix("Mozilla/5.0 (Windows NT 10.0") == true)
        #expect(event.dialect == .sbw)
        // _ingest keeps what did not become a column; receivedAt and userAgent did, and the client address goes.
        let properties = try JSONParser.parse(event.properties.bytes)
        let ingest = try #require(properties.member("_ingest")?.objectMembers)
        #expect(ingest.map(\.key) == ["method", "path", "requestId", "apiId", "stage", "traceId"])
        #expect(properties.member("product") == nil)
    }

    @Test("SBW checkout_complete takes order id and total from the element dataset")
    func decodesCheckoutComplete() throws {
        let object = try Fixtures.decode(fixture: "sbw-ingest/event-7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5.json")
        let event = try #require(object.events.first)
        #expect(event.orderTotal?.text == "5370000")
        #expect(event.orderID == "ord_01J9ZK")
        #expect(event.identitySource == "clerk_google")
        #expect(event.isFirstVisit == false)
        let properties = try JSONParser.parse(event.properties.bytes)
        // orderNumber was not a column: it stays where the frontend put it.
        #expect(properties.member("element")?.member("dataset")?.member("orderNumber") == .string("SBW-100231"))
        #expect(properties.member("element")?.member("dataset")?.member("total") == nil)
    }

    @Test("SBW click keeps the whole element, escapes included, in properties")
    func keepsElementInProperties() throws {
        let object = try Fixtures.decode(fixture: "sbw-ingest/event-c3d4e5f6-a7b8-4c9d-8e0f-112233445566.json")
        let event = try #require(object.events.first)
        #expect(event.referrer == nil)
        let element = try #require(JSONParser.parse(event.properties.bytes).member("element"))
        #expect(element.member("text") == .string("Tai nghe <Razer> & \"BlackShark\""))
        #expect(element.member("role") == .null)
        #expect(element.member("dataset") == .object([]))
    }

    /// A pretty-printed checkout with escapes, a partly read product and a dataset read in part inside `element`.
    static let checkoutWithExtras = #"""
        {
          "eventName" : "checkout_complete",
          "note": "a\/b \u00e9 \"q\" \u0000 tab\t",
          "list": [1, 2.50, true, null, {"k": "v"}],
          "product": {"id": "p1", "color": "red"},
          "element": {"dataset": {"orderId": "o1", "total": "10", "other": "x"}, "tag": "BUTTON"},
          "extra": {}
        }
        """#

    @Test("properties are the unread members as compact JSON: escapes decoded once, whitespace dropped, nesting kept")
    func writesPropertiesFromTheUnreadMembers() throws {
        let event = try #require(Fixtures.decode(Array(Self.checkoutWithExtras.utf8)).events.first)
        #expect((event.orderID, event.orderTotal?.text, event.productID) == ("o1", "10", "p1"))
        #expect(event.properties == #"{"note":"a/b é \"q\" \#u{FFFD} tab\t","list":[1,2.50,true,null,{"k":"v"}],"#
            + #""product":{"color":"red"},"element":{"dataset":{"other":"x"},"tag":"BUTTON"},"extra":{}}"#)
    }

    @Test("unknown fields are found among the unread members, nested ones by their dotted name")
    func findsUnknownFieldsAmongTheUnreadMembers() throws {
        let object = Fixtures.decode(Array(Self.checkoutWithExtras.utf8))
        #expect(Set(object.unknownFields.keys.map(\.name)) == ["note", "list", "product.color", "extra"])
    }

    @Test("a repeated key: the last value becomes the column and neither copy stays in properties")
    func readsTheLastOfARepeatedKey() throws {
        let payload = #"{"eventName":"page_view","userId":"first","userId":"second","pageUrl":"/p"}"#
        let event = try #require(Fixtures.decode(Array(payload.utf8)).events.first)
        #expect(event.userID == "second")
        #expect(event.properties == "{}")
    }

    @Test("a key spelled with escapes is the same key")
    func matchesAnEscapedKey() throws {
        let payload = #"{"eventName":"page_view","user\u0049d":"u-1"}"#
        let event = try #require(Fixtures.decode(Array(payload.utf8)).events.first)
        #expect(event.userID == "u-1")
        #expect(event.properties == "{}")
    }

    @Test("members past the 64th are read and kept like the others")
    func readsAnObjectOfManyMembers() throws {
        let extras = (0..<70).map { #""x\#($0)":\#($0)"# }.joined(separator: ",")
        let payload = "{" + extras + #","eventName":"page_view","userId":"u-2"}"#
        let event = try #require(Fixtures.decode(Array(payload.utf8)).events.first)
        #expect(event.userID == "u-2")
        #expect(event.properties == "{" + extras + "}")
    }

    @Test("a long key that shares a short key's first and last bytes is not that key")
    func tellsALongKeyFromAShortOne() throws {
        let lookalike = "user" + String(repeating: "a", count: 255) + "rId"  // 262 bytes: 6 modulo 256, like "userId"
        let payload = #"{"eventName":"page_view",""# + lookalike + #"":"someone"}"#
        let event = try #require(Fixtures.decode(Array(payload.utf8)).events.first)
        #expect(event.userID == nil)
        #expect(event.properties == #"{""# + lookalike + #"":"someone"}"#)
    }

    @Test("snake_case without an id gets the same v5 id every time, and strings become numbers and booleans")
    func decodesSnakeCaseDeterministically() throws {
        let first = try Fixtures.decode(fixture: "sbw-ingest/event-snake-case-no-id.json")
        let second = try Fixtures.decode(fixture: "sbw-ingest/event-snake-case-no-id.json")
        let event = try #require(first.events.first)
        #expect(event.eventID == second.events.first?.eventID)
        #expect(event.eventID == UUIDv5.eventID(objectKey: "events/sbw-ingest/event-snake-case-no-id.json", etag: "etag-1", position: 0))
        #expect(event.eventID.uuidString.lowercased().dropFirst(14).first == "5")  // version 5
        #expect(event.eventName == "add_to_cart_click")
        #expect(event.eventTimestamp.description == "2025-12-05 22:20:00.000000+00")  // +07:00 → UTC
        #expect(event.productPrice?.text == "399000")
        #expect(event.productDiscountPrice == nil)
        #expect(event.productName == "Chuột Logitech G102")
        #expect(event.isFirstVisit == false)
        #expect(event.clientID == "c_77")
        #expect(event.properties == "{}")
        // A different object (other etag) gives a different id.
        let other = Fixtures.decode(try Fixtures.bytes("sbw-ingest/event-snake-case-no-id.json"), etag: "etag-2")
        #expect(other.events.first?.eventID != event.eventID)
    }

    @Test("Kinesis NDJSON: dashed click_id, UTC microseconds, exact decimal price, geo columns")
    func decodesKinesisBatch() throws {
        let object = try Fixtures.decode(fixture: "kinesis-poc/enriched-firehose-batch.ndjson")
        #expect(object.rejects.isEmpty)
        #expect(object.events.count == 3)
        let event = try #require(object.events.first)
        #expect(event.dialect == .kinesis)
        #expect(event.eventID.uuidString.lowercased() == "57ae98d7-ffd9-4dc6-a47f-d756ab9c1cde")
        #expect(event.eventName == "AddToCart")
        #expect(event.eventTimestamp.description == "2021-07-12 20:24:49.536462+00")
        #expect(event.productPrice?.text == "694.83")
        #expect(event.productID == "361482")
        #expect(event.userID == "20")
        #expect((event.country, event.region, event.city) == ("US", "California", "Riverside"))
        #expect(object.events.map(\.sourcePosition) == [0, 1, 2])
        let properties = try JSONParser.parse(event.properties.bytes)
        #expect(properties.member("additional_data")?.member("time_on_data") == .number("83"))
        #expect(properties.member("additional_data")?.member("price") == nil)
        #expect(properties.member("user_ip") == nil)
        #expect(properties.member("pixel_id") == .string("fytil06mrm"))
        #expect(object.events[2].productPrice?.text == "99.5")
    }

    @Test("Kinesis single object without geo decodes too")
    func decodesKinesisSearch() throws {
        let event = try #require(try Fixtures.decode(fixture: "kinesis-poc/raw-search.json").events.first)
        #expect(event.eventName == "Search")
        #expect(event.eventID.uuidString.lowercased() == "a5cf179b-9c9d-483a-bf6d-424d44a293be")
        #expect(event.productPrice?.text == "417.97")
        #expect(event.country == nil)
    }

    @Test("case-study batch maps event_type, device, referrer_url and metadata")
    func decodesCaseStudy() throws {
        let object = try Fixtures.decode(fixture: "case-study/part-0000.json")
        #expect(object.rejects.isEmpty)
        #expect(object.events.map(\.eventName) == ["page_view", "add_to_cart", "purchase"])
        let view = object.events[0]
        #expect(view.dialect == .caseStudy)
        #expect(view.deviceType == "mobile")
        #expect(view.pageURL == "/laptops/asus-zenbook-14")
        #expect(view.referrer == "https://www.google.com/")
        #expect(view.productPrice?.text == "23990000")
        #expect(view.productBrand == "ASUS")
        #expect(view.eventTimestamp.description == "2024-11-04 15:02:11.000000+00")
        let purchase = object.events[2]
        #expect(purchase.orderID == "o-55120")
        #expect(purchase.orderTotal?.text == "23990000")
        #expect(purchase.properties == "{}")
        #expect(Set(object.events.map(\.eventID)).count == 3)
    }
}

extension JSONValue {
    /// The last member named `key` of an object (test helper).
    func member(_ key: String) -> JSONValue? {
        objectMembers?.last { $0.key == key }?.value
    }
}
