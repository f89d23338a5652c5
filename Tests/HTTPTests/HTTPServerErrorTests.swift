import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer errors")
struct HTTPServerErrorTests {
    /// Sends `request` on a fresh connection and returns the response and whether the server then closed.
    private func exchange(_ request: String, port: Int) async throws -> (RawHTTPClient.Response, Bool) {
        let client = try await RawHTTPClient(port: port)
        try await client.send(request)
        let response = try await client.readResponse()
        return (response, await client.isClosedByServer(within: .milliseconds(500)))
    }

    @Test("unknown path → 404; wrong method → 405 with Allow")
    func answersNotFoundAndMethodNotAllowed() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let (missing, _) = try await exchange("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(missing.status == 404)
            let (wrong, _) = try await exchange("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "GET, HEAD")
        }
    }

    @Test("malformed requests get 400 with Connection: close, and the connection is closed",
          arguments: [
              "GARBAGE\r\n\r\n",
              "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n",
              "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
              "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
              "GET / HTTP/1.1\r\nHost : t\r\n\r\n",
          ])
    func rejectsMalformedRequest(request: String) async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let (response, closed) = try await exchange(request, port: port)
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test("oversized headers → 431 and close; oversized body → 413 and close")
    func rejectsOversizedRequests() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.maxHeaderBytes = 1024
            $0.maxBodyBytes = 100
        }) { port in
            let big = String(repeating: "a", count: 2000)
            let (headers, headersClosed) = try await exchange("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: \(big)\r\n\r\n", port: port)
            #expect(headers.status == 431 && headersClosed)
            let (body, bodyClosed) = try await exchange(
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n\(String(repeating: "b", count: 101))", port: port)
            #expect(body.status == 413 && bodyClosed)
        }
    }

    @Test("an HTTPResponseError becomes its status and public message")
    func mapsResponseErrors() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let (response, closed) = try await exchange("GET /teapot HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(response.status == 418)
            #expect(response.text == "short and stout\n")
            #expect(!closed)
        }
    }

    @Test("any other error is a plain 500 without its detail")
    func hidesInternalErrors() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let (response, _) = try await exchange("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(response.status == 500)
            #expect(response.text == "Internal Server Error\n")
            #expect(!response.text.contains("hunter2"))
        }
    }

    @Test("a client that sends its head too slowly gets 408 and is cut off")
    func cutsOffSlowHeaders() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.headerTimeout = .milliseconds(400) }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\n")
            try await Task.sleep(for: .milliseconds(200))
            try await client.send("Host: t\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 408)
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a keep-alive connection idle after a request is closed after the idle timeout")
    func closesIdleConnections() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.idleTimeout = .milliseconds(300) }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(await client.isClosedByServer(within: .seconds(2)))
        }
    }

    @Test("a connection that never sends a byte is closed at the header timeout, not the longer idle timeout")
    func closesSilentConnectionsAtHeaderTimeout() async throws {
        try await TestServer.withServer(router: TestServer.makeRouter(), configure: {
            $0.headerTimeout = .milliseconds(300)
            $0.idleTimeout = .seconds(60)
        }) { server in
            let client = try await RawHTTPClient(port: server.localPort)
            #expect(await client.isClosedByServer(within: .seconds(3)))
            #expect(await TestServer.eventually { server.openConnections == 0 })
        }
    }

    @Test("between requests of a keep-alive connection the idle timeout applies, not the shorter header timeout")
    func keepsIdleKeepAliveConnectionsPastHeaderTimeout() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.headerTimeout = .milliseconds(200)
            $0.idleTimeout = .seconds(60)
        }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(await client.isClosedByServer(within: .seconds(1)) == false)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("a configured errorResponse renders the server's own refusals, keeping their status and headers")
    func rendersErrorsThroughConfiguration() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: {
            $0.errorResponse = { error, request in
                .json(Array("{\"error\":\"\(error.publicMessage)\",\"path\":\"\(request.path)\"}".utf8))
            }
        }) { port in
            let (missing, _) = try await exchange("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/json")
            #expect(missing.text == #"{"error":"Not Found","path":"/nope"}"#)
            let (wrong, _) = try await exchange("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(wrong.status == 405 && wrong.header("Allow") == "GET, HEAD")
            let (teapot, _) = try await exchange("GET /teapot HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(teapot.status == 418 && teapot.text.contains("short and stout"))
        }
    }
}
