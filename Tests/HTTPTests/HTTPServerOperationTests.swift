import Dispatch
import HTTP
import Logging
import Testing
import TestSupport
import WireTestSupport

@Suite("HTTPServer operation")
struct HTTPServerOperationTests {
    @Test("every request gets one access-log line with method, path, status, duration and request id")
    func logsEachRequest() async throws {
        let records = LogRecords()
        try await TestServer.with(router: TestServer.makeRouter(), logger: records.makeLogger()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello?name=x HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-1\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            let missing = try await client.readResponse()
            // The line is written once the response is sent, so it may land just after the client read it.
            #expect(await TestServer.eventually { records.all.filter { $0.message == "request" }.count == 2 })
            let lines = records.all.filter { $0.message == "request" }
            #expect(lines.first?.metadata["http.method"] == "GET" && lines.first?.metadata["http.path"] == "/hello")
            #expect(lines.first?.metadata["http.status"] == "200" && lines.first?.metadata["http.request_id"] == "trace-1")
            #expect(lines.first?.metadata["http.duration_ms"] != nil)
            #expect(lines.last?.metadata["http.status"] == "404")
            #expect(lines.last?.metadata["http.request_id"] == missing.header("X-Request-Id"))
        }
    }

    @Test("shutdown returns within the grace period even if a handler ignores cancellation")
    func shutdownAbandonsStuckHandlers() async throws {
        var router = HTTPRouter()
        router.get("/stuck") { _ in
            // Ignores cancellation on purpose: resumes only after 5 s whatever happens.
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 5) { continuation.resume() }
            }
            return .text("too late")
        }
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.shutdownGracePeriod = .milliseconds(300)
        let server = try HTTPServer.bind(configuration: configuration, router: router, logger: TestServer.quietLogger)
        let running = Task { try await server.run() }
        let client = try await RawHTTPClient(port: server.localPort)
        try await client.send("GET /stuck HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await TestServer.eventually { server.openConnections == 1 })
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        running.cancel()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(2))
        let response = try await client.readResponse()
        #expect(response.status == 503 && response.header("Connection") == "close")
    }
}
