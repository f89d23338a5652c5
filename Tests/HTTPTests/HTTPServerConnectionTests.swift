import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer connections")
struct HTTPServerConnectionTests {
    @Test("200 idle connections do not stop a new request from being answered")
    func servesDespiteIdleConnections() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            var idle: [RawHTTPClient] = []
            for _ in 0..<200 {
                idle.append(try await RawHTTPClient(port: port))
            }
            let started = ContinuousClock.now
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(idle.count == 200)
        }
    }

    @Test("beyond maxConnections a new connection gets a fast 503 and is closed")
    func refusesBeyondLimit() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.maxConnections = 2 }) { port in
            let first = try await RawHTTPClient(port: port)
            let second = try await RawHTTPClient(port: port)
            try await first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await first.readResponse()
            try await second.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await second.readResponse()
            let third = try await RawHTTPClient(port: port)
            let refused = try await third.readResponse()
            #expect(refused.status == 503)
            #expect(await third.isClosedByServer())
        }
    }

    @Test("cancelling run() lets an in-flight request finish, then stops accepting")
    func drainsOnShutdown() async throws {
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        var router = HTTPRouter()
        router.get("/slow") { _ in
            startedContinuation.yield()
            try await Task.sleep(for: .milliseconds(300))
            return .text("done")
        }
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = try HTTPServer.bind(configuration: configuration, router: router, logger: TestServer.quietLogger)
        let running = Task { try await server.run() }
        let client = try await RawHTTPClient(port: server.localPort)
        try await client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        for await _ in started {
            break
        }
        running.cancel()
        let response = try await client.readResponse()
        #expect(response.text == "done")
        #expect(response.header("Connection") == "close")
        try await running.value
        await #expect(throws: (any Error).self) { try await RawHTTPClient(port: server.localPort) }
    }
}
