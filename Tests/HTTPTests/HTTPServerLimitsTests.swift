import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer limits")
struct HTTPServerLimitsTests {
    @Test("more header fields than maxHeaderCount → 431 and close")
    func capsHeaderCount() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.maxHeaderCount = 5 }) { port in
            let client = try await RawHTTPClient(port: port)
            let fields = (0..<6).map { "X-\($0): v\r\n" }.joined()
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\(fields)\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 431 && response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a request line longer than maxRequestLineBytes → 414 and close")
    func capsRequestLine() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.maxRequestLineBytes = 100 }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello?\(String(repeating: "x", count: 200)) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 414)
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a chunked body beyond maxBodyBytes → 413 and close")
    func capsChunkedBody() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.maxBodyBytes = 10 }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n")
            #expect(try await client.readResponse().status == 413)
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a handler slower than requestTimeout → 503 with Connection: close, on time")
    func limitsHandlerTime() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.requestTimeout = .milliseconds(300) }) { port in
            let client = try await RawHTTPClient(port: port)
            let started = ContinuousClock.now
            try await client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 503 && response.header("Connection") == "close")
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(await client.isClosedByServer())
        }
    }

    @Test("1,000 idle connections do not stop a new request from being answered promptly")
    func servesDespiteThousandIdleConnections() async throws {
        // The test process holds both ends of every connection: more than the usual 1,024 fds.
        #expect(TestServer.raiseOpenFileLimit(to: 4096))
        try await TestServer.withServer(router: TestServer.makeRouter()) { server in
            var idle: [RawHTTPClient] = []
            for _ in 0..<1000 {
                idle.append(try await RawHTTPClient(port: server.localPort))
            }
            #expect(await TestServer.eventually { server.openConnections >= 1000 })
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let client = try await RawHTTPClient(port: server.localPort)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
                #expect(ContinuousClock.now - started < .seconds(1))
            }
            // The idle ones are still served too.
            try await idle[500].send("GET /small HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await idle[500].readResponse().status == 200)
        }
    }

    @Test("a client sending one byte a second is cut off with 408 while others are served")
    func cutsOffOneByteASecondClient() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.headerTimeout = .milliseconds(2500) }) { port in
            let slow = try await RawHTTPClient(port: port)
            let started = ContinuousClock.now
            for (index, byte) in "GET /hello HTTP/1.1\r\n".enumerated().prefix(3) {
                try await slow.send(String(byte))
                if index == 1 {
                    let other = try await RawHTTPClient(port: port)
                    try await other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                    #expect(try await other.readResponse().status == 200)
                }
                try await Task.sleep(for: .seconds(1))
            }
            let response = try await slow.readResponse()
            #expect(response.status == 408)
            #expect(ContinuousClock.now - started < .seconds(4))
            #expect(await slow.isClosedByServer())
        }
    }

    @Test("a client that disconnects mid-request leaves no connection behind")
    func survivesDisconnectMidRequest() async throws {
        try await TestServer.withServer(router: TestServer.makeRouter()) { server in
            for partial in ["GET /hel", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc"] {
                let client = try await RawHTTPClient(port: server.localPort)
                try await client.send(partial)
                client.socket.close()
            }
            #expect(await TestServer.eventually { server.openConnections == 0 })
            let client = try await RawHTTPClient(port: server.localPort)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("a client that disconnects mid-response leaves no connection behind")
    func survivesDisconnectMidResponse() async throws {
        try await TestServer.withServer(router: TestServer.makeRouter()) { server in
            let client = try await RawHTTPClient(port: server.localPort)
            try await client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readSome() > 0)
            client.socket.close()
            #expect(await TestServer.eventually { server.openConnections == 0 })
            let next = try await RawHTTPClient(port: server.localPort)
            try await next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await next.readResponse().status == 200)
        }
    }
}
