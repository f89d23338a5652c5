import Foundation
import Lake
import Testing
@testable import Generator

@Suite("SBW ingest payloads and keys")
struct PayloadTests {
    static let events = 4_000

    @Test("every object is a JSON object with the SBW ingest fields, received inside the window")
    func everyObjectIsAValidSBWEvent() throws {
        let objects = try Fixtures.objects(events: Self.events)
        let windowStart = Fixtures.end.addingTimeInterval(-30 * 86_400)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(objects.count == Self.events)
        for object in objects {
            let payload = try Fixtures.payload(object)
            let name = try #require(payload["eventName"] as? String)
            #expect(EventName(rawValue: name) != nil)
            let eventID = try #require(payload["eventId"] as? String)
            #expect(UUID(uuidString: eventID) != nil && eventID == eventID.lowercased())
            #expect((payload["clientId"] as? String).flatMap(UUID.init(uuidString:)) != nil)
            #expect((payload["sessionId"] as? String).flatMap(UUID.init(uuidString:)) != nil)
            #expect(payload["isFirstVisit"] is Bool)
            #expect((payload["pageUrl"] as? String)?.hasPrefix("https://shop.example.vn/") == true)
            let ingest = try #require(payload["_ingest"] as? [String: Any])
            let receivedText = try #require(ingest["receivedAt"] as? String)
            let received = try #require(iso.date(from: receivedText))
            #expect(received >= windowStart && received < Fixtures.end)
            #expect(abs(received.timeIntervalSince(object.receivedAt)) < 0.001)
            #expect(ingest["method"] as? String == "POST" && ingest["path"] as? String == "/clickstream")
            let ip = try #require(ingest["sourceIp"] as? String)
            #expect(ClientAddresses.weighted.contains { ip.hasPrefix($0.prefix) })
            #expect((ingest["requestId"] as? String)?.count == 16)
            if name == "product_view" || name == "add_to_cart_click" {
                let product = try #require(payload["product"] as? [String: Any])
                #expect(product["price"] is Int)
                let page = (payload["pageUrl"] as? String)?.split(separator: "?").first.map(String.init)
                #expect((product["urlPath"] as? String).map { page == "https://shop.example.vn" + $0 } == true)
            }
        }
    }

    @Test("keys follow events/YYYY/MM/DD/HH/event-<uuid>.json for the UTC hour of receipt")
    func keysMatchLayoutAndReceiptHour() throws {
        for object in try Fixtures.objects(events: 1_000) {
            let payload = try Fixtures.payload(object)
            let eventID = try #require(payload["eventId"] as? String)
            let uuid = try #require(UUID(uuidString: eventID))
            #expect(object.key == LakeKeyLayout.eventKey(receivedAt: object.receivedAt, id: uuid))
            #expect(object.key.hasSuffix("/event-\(eventID).json"))
            let receivedAt = try #require((payload["_ingest"] as? [String: Any])?["receivedAt"] as? String)
            let hour = receivedAt.prefix(13).replacingOccurrences(of: "-", with: "/").replacingOccurrences(of: "T", with: "/")
            #expect(object.key.hasPrefix("events/" + hour + "/"))
        }
    }

    @Test("Vietnamese product names survive a JSON round-trip")
    func nonASCIIProductNamesRoundTrip() throws {
        let catalog = Catalog()
        var checked = 0
        for object in try Fixtures.objects(events: 2_000) {
            let payload = try Fixtures.payload(object)
            guard let product = payload["product"] as? [String: Any], let id = product["id"] as? String else { continue }
            let expected = try #require(catalog.products.first { $0.id == id })
            #expect(product["name"] as? String == expected.name)
            if expected.name.unicodeScalars.contains(where: { !$0.isASCII }) { checked += 1 }
        }
        #expect(checked > 100)
    }

    @Test("checkout_complete carries the order id, number and total like the samples")
    func checkoutCompleteCarriesOrder() throws {
        let completes = try Fixtures.objects(events: 20_000).filter { $0.eventName == "checkout_complete" }
        #expect(!completes.isEmpty)
        var numbers = Set<String>()
        for object in completes {
            let payload = try Fixtures.payload(object)
            let dataset = try #require((payload["element"] as? [String: Any])?["dataset"] as? [String: String])
            #expect(dataset["orderId"]?.hasPrefix("ord_") == true)
            #expect(Int(dataset["total"] ?? "") ?? 0 > 0)
            numbers.insert(dataset["orderNumber"] ?? "")
            #expect((payload["pageUrl"] as? String)?.hasPrefix("https://shop.example.vn/success?session_id=") == true)
        }
        #expect(numbers.count == completes.count)
    }
}
