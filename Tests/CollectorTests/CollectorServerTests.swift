import Foundation
import HTTP
import Lake
import Testing
@testable import Collector
import WireTestSupport

/// The collector as the shop's browsers reach it: real sockets, the real HTTP server, the real local lake
/// and the real S3-compatible server (moto, CLICKSTREAM_TEST_S3_ENDPOINT, started by `make test`).
@Suite("Collector over real sockets", .serialized)
struct CollectorServerTests {
    let lake: LocalLake

    init() throws {
        lake = try CollectorServer.temporaryLake()
    }

    func names(_ events: [[String: Any]]) -> [String] {
        events.compactMap { ($0["eventName"] ?? $0["event_name"]) as? String }.sorted()
    }

    @Test("one event: 200 {\"success\":true}, stored with _ingest naming the peer and the request id")
    func postsOneEvent() async throws {
        let response = try await CollectorServer.with(store: lake) { port in
            try await RawHTTPClient(port: port).post(#"{"eventName":"page_view","clientId":"c1"}"#,
                                                  headers: [("User-Agent", "Mozilla/5.0 wire")])
        }
        #expect(response.status == 200)
        #expect(response.text == #"{"success":true}"#)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        let events = try await CollectorServer.storedEvents(in: lake)
        #expect(names(events) == ["page_view"])
        let ingest = try #require(events.first?["_ingest"] as? [String: Any])
        #expect(ingest["sourceIp"] as? String == "127.0.0.1")
        #expect(ingest["userAgent"] as? String == "Mozilla/5.0 wire")
        #expect(ingest["requestId"] as? String == response.header("X-Request-Id"))
        #expect(ingest["method"] as? String == "POST")
        #expect(ingest["path"] as? String == "/clickstream")
    }

    @Test("array, NDJSON, sendBeacon's text/plain and a chunked body on one keep-alive connection")
    func acceptsEveryBodyShape() async throws {
        let statuses = try await CollectorServer.with(store: lake) { port in
            let client = try await RawHTTPClient(port: port)
            var statuses: [Int] = []
            statuses.append(try await client.post(#"[{"eventName":"a1"},{"eventName":"a2"}]"#).status)
            statuses.append(try await client.post("{\"eventName\":\"n1\"}\n{\"event_name\":\"n2\"}\n",
                                                  contentType: "application/x-ndjson").status)
            // navigator.sendBeacon(url, JSON.stringify(event)) sends exactly this content type, with no preflight.
            statuses.append(try await client.post(#"{"eventName":"beacon"}"#, contentType: "text/plain;charset=UTF-8",
                                                  headers: [("Origin", "https://shop.example.vn")]).status)
            let chunk = #"{"eventName":"chunked"}"#
            try await client.send(Array(("POST /clickstream HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n\(String(chunk.utf8.count, radix: 16))\r\n\(chunk)\r\n0\r\n\r\n").utf8))
            statuses.append(try await client.readResponse().status)
            return statuses
        }
        #expect(statuses == [200, 200, 200, 200])
        #expect(names(try await CollectorServer.storedEvents(in: lake)) == ["a1", "a2", "beacon", "chunked", "n1", "n2"])
    }

    @Test("CORS preflight for fetch(…, {keepalive: true}) with JSON: allowed origin, methods, headers")
    func preflight() async throws {
        let (allowed, refused, post) = try await CollectorServer.with(
            store: lake, collector: { $0.allowedOrigins = ["https://shop.example.vn"] }
        ) { port in
            let client = try await RawHTTPClient(port: port)
            let allowed = try await client.request("OPTIONS", "/clickstream", headers: [
                ("Origin", "https://shop.example.vn"), ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type, x-anything")])
            let refused = try await client.request("OPTIONS", "/clickstream", headers: [
                ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
            let post = try await client.post(#"{"eventName":"a"}"#, headers: [("Origin", "https://shop.example.vn")])
            return (allowed, refused, post)
        }
        #expect(allowed.status == 204)
        #expect(allowed.header("Access-Control-Allow-Origin") == "https://shop.example.vn")
        #expect(allowed.header("Access-Control-Allow-Methods") == "POST, OPTIONS")
        // Only what the collector reads, not an echo of whatever the page asked for.
        #expect(allowed.header("Access-Control-Allow-Headers") == "Content-Type")
        #expect(allowed.header("Access-Control-Max-Age") == "86400")
        #expect(allowed.header("Vary")?.contains("Origin") == true)
        #expect(refused.header("Access-Control-Allow-Origin") == nil)
        #expect(post.status == 200)
        #expect(post.header("Access-Control-Allow-Origin") == "https://shop.example.vn")
    }

    @Test("bad bodies: 400 with a JSON message naming the problem; the connection stays usable; nothing stored")
    func refusesBadBodies() async throws {
        let cases: [(body: String, type: String?, message: String)] = [
            ("{\"eventName\":", "application/json", "not valid JSON"),
            ("[1,2]", "application/json", "event 0 is not a JSON object"),
            (#"[{"eventName":"a"},{"clientId":"c"}]"#, "application/json", "event 1 has no eventName"),
            (#"[{"eventName":"a"},{"eventName":"b"},{"eventName":"c"}]"#, "application/json", "too many events"),
            (#"{"eventName":"a"}"#, "application/xml", "unsupported content type"),
            ("", "application/json", "empty body"),
            ("{\"eventName\":\"a\"}\nnot json\n", "application/x-ndjson", "line 2 is not JSON"),
            (#"{"eventName":"checkout_complete","element":{"dataset":{"total":"1e400"}}}"#, "application/json",
             "event 0: element.dataset.total 1e400 is 10^15 or more"),
        ]
        let answers = try await CollectorServer.with(store: lake, collector: { $0.maxEventsPerRequest = 2 }) { port in
            let client = try await RawHTTPClient(port: port)
            var answers: [RawHTTPClient.Response] = []
            for (body, type, _) in cases {
                answers.append(try await client.post(body, contentType: type))
            }
            return answers
        }
        for (answer, expected) in zip(answers, cases) {
            #expect(answer.status == 400, "\(expected.body)")
            #expect(answer.json?["success"] as? Bool == false)
            #expect((answer.json?["message"] as? String)?.contains(expected.message) == true, "\(answer.text)")
            #expect(answer.header("Access-Control-Allow-Origin") == "*", "browsers must be able to read the error")
        }
        #expect(try await CollectorServer.keys(in: lake).isEmpty)
    }

    @Test("other methods on /clickstream get 405 with Allow; other paths 404; both in the collector's JSON")
    func methodsAndPaths() async throws {
        let (get, elsewhere) = try await CollectorServer.with(store: lake) { port in
            let client = try await RawHTTPClient(port: port)
            return (try await client.request("GET", "/clickstream"), try await client.post(#"{"eventName":"a"}"#, path: "/events"))
        }
        #expect(get.status == 405)
        #expect(get.header("Allow") == "OPTIONS, POST")
        #expect(get.text == #"{"message":"Method Not Allowed","success":false}"#)
        #expect(elsewhere.status == 404)
        #expect(elsewhere.text == #"{"message":"Not Found","success":false}"#)
        #expect(elsewhere.header("Access-Control-Allow-Origin") == "*")
    }

    @Test("a body over the server's limit is refused with 413 before it is read, and the connection closed")
    func refusesHugeBody() async throws {
        let (response, closed) = try await CollectorServer.with(store: lake, server: { $0.maxBodyBytes = 64 * 1024 }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send(Array("POST /clickstream HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n".utf8))
            let response = try await client.readResponse()
            return (response, await client.isClosedByServer())
        }
        #expect(response.status == 413)
        #expect(response.header("Connection") == "close")
        #expect(closed)
        // Like every other refusal of the collector: its JSON, readable by a tracker on another origin.
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"message":"request body too large","success":false}"#)
    }

    @Test("past the per-address rate: 429 with Retry-After and a JSON message")
    func rateLimited() async throws {
        let answers = try await CollectorServer.with(
            store: lake, collector: { $0.rateLimitPerSecond = 0.001; $0.rateLimitBurst = 2 }
        ) { port in
            let client = try await RawHTTPClient(port: port)
            var answers: [RawHTTPClient.Response] = []
            for _ in 0..<3 { answers.append(try await client.post(#"{"eventName":"a"}"#)) }
            return answers
        }
        #expect(answers.map(\.status) == [200, 200, 429])
        #expect(answers[2].header("Retry-After") == "1")
        #expect((answers[2].json?["message"] as? String)?.contains("too many requests") == true)
        #expect(try await CollectorServer.storedEvents(in: lake).count == 2)
    }

    @Test("X-Forwarded-For is believed from a trusted proxy only")
    func forwardedFor() async throws {
        let forwarded = [("X-Forwarded-For", "198.51.100.7, 10.0.0.9")]
        _ = try await CollectorServer.with(store: lake, collector: { $0.trustedProxies = ["127.0.0.1", "10.0.0.9"] }) { port in
            try await RawHTTPClient(port: port).post(#"{"eventName":"via_proxy"}"#, headers: forwarded)
        }
        _ = try await CollectorServer.with(store: lake) { port in
            try await RawHTTPClient(port: port).post(#"{"eventName":"direct"}"#, headers: forwarded)
        }
        let sources = Dictionary(uniqueKeysWithValues: try await CollectorServer.storedEvents(in: lake).map {
            ($0["eventName"] as? String ?? "", ($0["_ingest"] as? [String: Any])?["sourceIp"] as? String ?? "")
        })
        #expect(sources["via_proxy"] == "198.51.100.7")
        #expect(sources["direct"] == "127.0.0.1")
    }

    @Test("a lake that refuses writes: a quick 503 with Retry-After, never a 200")
    func brokenLakeIs503() async throws {
        // A lake whose root is a regular file: every write fails for real.
        let file = lake.root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let started = ContinuousClock.now
        let response = try await CollectorServer.with(store: LocalLake(root: file)) { port in
            try await RawHTTPClient(port: port).post(#"{"eventName":"a"}"#)
        }
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "1")
        #expect(response.json?["success"] as? Bool == false)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("a stalled lake: once the pending bound is reached, new requests get 503 at once instead of queueing")
    func stalledLakeSheds() async throws {
        let (first, second, secondTook) = try await CollectorServer.with(
            store: StalledLake(delay: .seconds(2)), collector: { $0.maxPendingBytes = 400 }
        ) { port in
            let waiting = Task { try await RawHTTPClient(port: port).post(#"{"eventName":"first","pad":"\#(String(repeating: "x", count: 100))"}"#) }
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            let second = try await RawHTTPClient(port: port).post(#"{"eventName":"second","pad":"\#(String(repeating: "y", count: 100))"}"#)
            let took = ContinuousClock.now - started
            return (try await waiting.value, second, took)
        }
        #expect(second.status == 503)
        #expect((second.json?["message"] as? String)?.contains("busy") == true)
        #expect(secondTook < .milliseconds(500))
        #expect(first.status == 503, "the stalled write failed, so the first request must not be acknowledged")
    }

    @Test("every acknowledged event of many concurrent clients is in the lake")
    func concurrentClientsAllStored() async throws {
        let acknowledged = try await CollectorServer.with(store: lake, collector: { $0.maxBatchDelay = .milliseconds(50) }) { port in
            try await withThrowingTaskGroup(of: [String].self) { group in
                for client in 0..<20 {
                    group.addTask {
                        let connection = try await RawHTTPClient(port: port)
                        var acknowledged: [String] = []
                        for request in 0..<5 {
                            let ids = (0..<3).map { "c\(client)-r\(request)-e\($0)" }
                            let body = "[" + ids.map { #"{"eventName":"load","eventId":"\#($0)"}"# }.joined(separator: ",") + "]"
                            if try await connection.post(body).status == 200 { acknowledged += ids }
                        }
                        return acknowledged
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
        #expect(acknowledged.count == 300)
        let stored = Set(try await CollectorServer.storedEvents(in: lake).compactMap { $0["eventId"] as? String })
        #expect(Set(acknowledged).subtracting(stored).isEmpty)
        #expect(try await CollectorServer.keys(in: lake).allSatisfy { $0.hasSuffix(".ndjson.gz") })
    }

    // MARK: S3 (moto)

    @Test("S3: batches land as NDJSON.gz objects holding every acknowledged event")
    func s3Batches() async throws {
        let endpoint = try #require(CollectorServer.s3Endpoint, "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        let s3 = try await CollectorServer.s3Lake(endpoint: endpoint)
        let statuses = try await CollectorServer.with(store: s3) { port in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<10 {
                    group.addTask { try await RawHTTPClient(port: port).post(#"[{"eventName":"s\#(index)a"},{"eventName":"s\#(index)b"}]"#).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses == Array(repeating: 200, count: 10))
        #expect(try await CollectorServer.storedEvents(in: s3).count == 20)
        let keys = try await CollectorServer.keys(in: s3)
        #expect(keys.allSatisfy { $0.range(of: #"^events/\d{4}/\d{2}/\d{2}/\d{2}/batch-[0-9a-f-]{36}\.ndjson\.gz$"#, options: .regularExpression) != nil })
        #expect(keys.count < 10, "concurrent requests share objects")
    }

    @Test("S3: --per-event-objects writes the original one-object-per-event layout")
    func s3PerEvent() async throws {
        let endpoint = try #require(CollectorServer.s3Endpoint, "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        let s3 = try await CollectorServer.s3Lake(endpoint: endpoint)
        let response = try await CollectorServer.with(store: s3, collector: { $0.perEventObjects = true }) { port in
            try await RawHTTPClient(port: port).post(#"[{"eventName":"a"},{"eventName":"b"},{"eventName":"c"}]"#)
        }
        #expect(response.status == 200)
        let keys = try await CollectorServer.keys(in: s3)
        #expect(keys.count == 3)
        #expect(keys.allSatisfy { $0.range(of: #"^events/\d{4}/\d{2}/\d{2}/\d{2}/event-[0-9a-f-]{36}\.json$"#, options: .regularExpression) != nil })
        #expect(names(try await CollectorServer.storedEvents(in: s3)) == ["a", "b", "c"])
    }

    @Test("S3: a missing bucket or a server that is down gives a quick 503, not a 200 or a hang")
    func s3FailureIs503() async throws {
        let endpoint = try #require(CollectorServer.s3Endpoint, "CLICKSTREAM_TEST_S3_ENDPOINT is not set: run `make test`")
        let missingBucket = try await CollectorServer.s3Lake(endpoint: endpoint, create: false)
        // Nothing listens on port 9 of loopback (discard is never enabled): connections are refused, and the lake
        // retries with backoff (about 1.5 s in all) before giving up.
        let down = try await CollectorServer.s3Lake(endpoint: try #require(URL(string: "http://127.0.0.1:9")), create: false)
        for store in [missingBucket, down] {
            let started = ContinuousClock.now
            let response = try await CollectorServer.with(store: store) { port in
                try await RawHTTPClient(port: port).post(#"{"eventName":"a"}"#)
            }
            #expect(response.status == 503, "\(store.configuration.endpoint?.absoluteString ?? "")")
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }
}
