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

    @Test("beyond maxConnectionsPerAddress a connection gets a fast 429 and is closed; another address is served")
    func refusesBeyondPerAddressLimit() async throws {
        try await TestServer.withServer(router: TestServer.makeRouter(), configure: { $0.maxConnectionsPerAddress = 2 }) { server in
            let held = [try await RawHTTPClient(port: server.localPort), try await RawHTTPClient(port: server.localPort)]
            #expect(await TestServer.eventually { server.openConnections(from: "127.0.0.1") == 2 })
            let third = try await RawHTTPClient(port: server.localPort)
            let refused = try await third.readResponse(within: .seconds(5))
            #expect(refused.status == 429)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.text == "too many connections from this address\n")
            #expect(await third.isClosedByServer())
            let other = try await RawHTTPClient(port: server.localPort, from: "127.0.0.2")
            try await other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await other.readResponse().status == 200)
            // The held connections are still served.
            try await held[0].send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await held[0].readResponse().status == 200)
        }
    }

    @Test("an uncapped address (a load balancer) is not held to the per-address limit")
    func exemptsUncappedAddresses() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.maxConnectionsPerAddress = 1
            $0.uncappedAddresses = ["127.0.0.1"]
        }) { port in
            var clients: [RawHTTPClient] = []
            for _ in 0..<3 {
                clients.append(try await RawHTTPClient(port: port))
            }
            for client in clients {
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
            }
        }
    }

    @Test("the connection-limit refusals are the configured rejection response, with their own status")
    func refusesWithRejectionResponse() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.maxConnectionsPerAddress = 1
            $0.rejectionResponse = { status, message in .json(Array("{\"status\":\(status.code),\"message\":\"\(message)\"}".utf8)) }
        }) { port in
            let first = try await RawHTTPClient(port: port)
            try await first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await first.readResponse().status == 200)
            let refused = try await RawHTTPClient(port: port).readResponse(within: .seconds(5))
            #expect(refused.status == 429)
            #expect(refused.header("Content-Type") == "application/json")
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.text == #"{"status":429,"message":"too many connections from this address"}"#)
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
