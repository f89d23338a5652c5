import Foundation
import Gzip
import HTTP
import Lake
import Testing
@testable import Collector

@Suite("Collector: POST /clickstream")
struct CollectorAppTests {
    let root: URL
    let lake: LocalLake

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("collector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        lake = LocalLake(root: root)
    }

    func app(_ change: (inout CollectorApp.Configuration) -> Void = { _ in }) -> CollectorApp {
        var configuration = CollectorApp.Configuration()
        configuration.maxBatchDelay = .milliseconds(20)
        change(&configuration)
        return CollectorApp(store: lake, configuration: configuration, logger: .init(label: "test"))
    }

    func post(_ body: String, contentType: String? = "application/json", headers: [(String, String)] = [],
              peer: String = "203.0.113.9") -> HTTPRequest {
        var fields = HTTPHeaders(headers)
        if let contentType { fields.set("Content-Type", contentType) }
        fields.set("User-Agent", "Mozilla/5.0 test")
        return HTTPRequest(method: .post, target: "/clickstream", headers: fields, body: Array(body.utf8),
                           requestID: "req-1", remoteAddress: peer)
    }

    /// Every event line stored in the lake, decoded.
    func storedEvents() async throws -> [[String: Any]] {
        try await CollectorServer.storedEvents(in: lake)
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test("one event is stored with an _ingest block and answered {\"success\":true}")
    func storesOneEvent() async throws {
        let response = await app().collect(post(#"{"eventName":"page_view","clientId":"c1","pageUrl":"https://shop.example.vn/"}"#))
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"success":true}"#)
        let events = try await storedEvents()
        #expect(events.count == 1)
        let ingest = try #require(events.first?["_ingest"] as? [String: Any])
        #expect(ingest["sourceIp"] as? String == "203.0.113.9")
        #expect(ingest["userAgent"] as? String == "Mozilla/5.0 test")
        #expect(ingest["method"] as? String == "POST")
        #expect(ingest["path"] as? String == "/clickstream")
        #expect(ingest["requestId"] as? String == "req-1")
        #expect((ingest["receivedAt"] as? String)?.hasSuffix("Z") == true)
        #expect(events.first?["clientId"] as? String == "c1")
    }

    @Test("a JSON array and an NDJSON body store every event")
    func storesBatches() async throws {
        let collector = app()
        #expect(await collector.collect(post(#"[{"eventName":"a"},{"eventName":"b"}]"#)).status == .ok)
        #expect(await collector.collect(post("{\"eventName\":\"c\"}\n{\"event_name\":\"d\"}\n", contentType: "application/x-ndjson")).status == .ok)
        let names = try await storedEvents().compactMap { ($0["eventName"] ?? $0["event_name"]) as? String }.sorted()
        #expect(names == ["a", "b", "c", "d"])
    }

    @Test("sendBeacon's text/plain body is accepted as JSON")
    func acceptsTextPlain() async throws {
        #expect(await app().collect(post(#"{"eventName":"page_view"}"#, contentType: "text/plain;charset=UTF-8")).status == .ok)
    }

    @Test("bad bodies get 400 with a message naming what is wrong, and store nothing")
    func refusesBadBodies() async throws {
        let collector = app { $0.maxEventsPerRequest = 2 }
        let cases: [(String, String?, String)] = [
            ("{\"eventName\":", "application/json", "not valid JSON"),
            ("[1,2]", "application/json", "event 0 is not a JSON object"),
            (#"{"clientId":"c1"}"#, "application/json", "event 0 has no eventName"),
            (#"[{"eventName":"a"},{"eventName":"b"},{"eventName":"c"}]"#, "application/json", "too many events"),
            (#"{"eventName":"a"}"#, "application/xml", "unsupported content type"),
            ("", "application/json", "empty body"),
        ]
        for (body, type, message) in cases {
            let response = await collector.collect(post(body, contentType: type))
            #expect(response.status == .badRequest, "\(body)")
            let answer = try json(response)
            #expect(answer["success"] as? Bool == false)
            #expect((answer["message"] as? String)?.contains(message) == true, "\(answer)")
        }
        #expect(try await storedEvents().isEmpty)
    }

    @Test("an oversized event is refused with 400")
    func refusesOversizedEvent() async throws {
        let big = String(repeating: "x", count: 2_000)
        let response = await app { $0.maxEventBytes = 1_000 }.collect(post(#"{"eventName":"a","blob":"\#(big)"}"#))
        #expect(response.status == .badRequest)
    }

    @Test("a client cannot forge the receipt time or source address")
    func replacesClientIngest() async throws {
        _ = await app().collect(post(#"{"eventName":"a","_ingest":{"receivedAt":"2001-01-01T00:00:00Z","sourceIp":"1.2.3.4"}}"#))
        let event = try #require(try await storedEvents().first)
        let ingest = try #require(event["_ingest"] as? [String: Any])
        #expect(ingest["sourceIp"] as? String == "203.0.113.9")
        #expect(ingest["receivedAt"] as? String != "2001-01-01T00:00:00Z")
        #expect(event["_client_ingest"] != nil)
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy")
    func forwardedForOnlyFromTrustedProxies() async throws {
        let collector = app { $0.trustedProxies = ["10.0.0.5"] }
        _ = await collector.collect(post(#"{"eventName":"trusted"}"#, headers: [("X-Forwarded-For", "198.51.100.7, 10.0.0.5")], peer: "10.0.0.5"))
        _ = await collector.collect(post(#"{"eventName":"untrusted"}"#, headers: [("X-Forwarded-For", "198.51.100.7")], peer: "203.0.113.9"))
        let byName = Dictionary(uniqueKeysWithValues: try await storedEvents().map {
            ($0["eventName"] as? String ?? "", ($0["_ingest"] as? [String: Any])?["sourceIp"] as? String ?? "")
        })
        #expect(byName["trusted"] == "198.51.100.7")
        #expect(byName["untrusted"] == "203.0.113.9")
    }

    @Test("past the per-address rate, requests get 429 with Retry-After")
    func rateLimits() async throws {
        let collector = app { $0.rateLimitPerSecond = 0.001; $0.rateLimitBurst = 2 }
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(await collector.collect(post(#"{"eventName":"a"}"#)).status.code) }
        #expect(statuses == [200, 200, 429, 429])
        #expect(await collector.collect(post(#"{"eventName":"a"}"#)).headers["Retry-After"] == "1")
    }

    @Test("concurrent requests share NDJSON.gz objects, and each answer waits for its object")
    func batchesConcurrentRequests() async throws {
        let collector = app { $0.maxBatchDelay = .milliseconds(100) }
        let statuses = await withTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask { await collector.collect(post(#"{"eventName":"e\#(index)"}"#)).status.code }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 200 })
        var objects: [LakeObject] = []
        try await lake.forEachPage(prefix: "events/") { objects += $0 }
        #expect(objects.count < 10)
        #expect(objects.allSatisfy { $0.key.hasSuffix(".ndjson.gz") })
        #expect(try await storedEvents().count == 50)
    }

    @Test("per-event mode writes the original layout, one object per event")
    func perEventLayout() async throws {
        _ = await app { $0.perEventObjects = true }.collect(post(#"[{"eventName":"a"},{"eventName":"b"}]"#))
        var keys: [String] = []
        try await lake.forEachPage(prefix: "events/") { keys += $0.map(\.key) }
        #expect(keys.count == 2)
        #expect(keys.allSatisfy { $0.range(of: #"^events/\d{4}/\d{2}/\d{2}/\d{2}/event-[0-9a-f-]{36}\.json$"#, options: .regularExpression) != nil })
    }

    @Test("when the lake cannot store, the answer is a quick 503, not a 200")
    func lakeFailureIs503() async throws {
        // A lake whose root is a regular file: every write fails for real.
        let file = root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let broken = CollectorApp(store: LocalLake(root: file), configuration: {
            var configuration = CollectorApp.Configuration()
            configuration.maxBatchDelay = .milliseconds(10)
            return configuration
        }(), logger: .init(label: "test"))
        let response = await broken.collect(post(#"{"eventName":"a"}"#))
        #expect(response.status == .serviceUnavailable)
        #expect(try json(response)["success"] as? Bool == false)
    }

    @Test("CORS: preflight allows POST, and answers carry the allowed origin")
    func cors() async throws {
        let collector = app { $0.allowedOrigins = ["https://shop.example.vn"] }
        let preflight = collector.preflight(HTTPRequest(method: .options, target: "/clickstream", headers: HTTPHeaders([
            ("Origin", "https://shop.example.vn"), ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type")])))
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "https://shop.example.vn")
        #expect(preflight.headers["Access-Control-Allow-Methods"]?.contains("POST") == true)
        let other = await collector.collect(post(#"{"eventName":"a"}"#, headers: [("Origin", "https://evil.example")]))
        #expect(other.headers["Access-Control-Allow-Origin"] == nil)
    }
}
