import HTTP
import Testing
import WireTestSupport

/// Requests that desynchronise proxies and servers must be refused outright: 400 (or 501), `Connection: close`,
/// and the connection closed, so nothing after them is read as a request.
@Suite("HTTPServer request smuggling")
struct HTTPServerSmugglingTests {
    @Test("ambiguous or malformed framing and heads are refused and the connection is closed", arguments: [
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1, 1\r\n\r\na",
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +1\r\n\r\na",
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0x1\r\n\r\na",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
        "GET /hello HTTP/1.1\nHost: t\n\n",
        "GET /hello HTTP/1.1\r\nHost: t\nX: y\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: t\r\nX\tY: 1\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: t\r\nX(Y): 1\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: t\r\nX: a\u{1}b\r\n\r\n",
        "GET /hel\u{7F}lo HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /he\u{0}llo HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET  /hello HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /hello HTTP/1.1\r\n\r\n",
        "GET hello HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /hello HTTP/1.1\r\n Host: t\r\n\r\n",
    ])
    func refusesAndCloses(request: String) async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send(request + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a request with bare-LF line endings is answered 400 at once, not left waiting for the header timeout")
    func answersBareLineFeedsAtOnce() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.headerTimeout = .seconds(60) }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\nHost: t\n\n")
            let response = try await client.readResponse(within: .seconds(5))
            #expect(response.status == 400)
            #expect(response.text.contains("bare CR or LF"))
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a #fragment in the request target gets 400 and the connection is closed")
    func refusesFragments() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello#top HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains("fragment"))
            #expect(await client.isClosedByServer())
        }
    }

    @Test("an unsupported HTTP version gets 505 and the connection is closed")
    func refusesOtherVersions() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/2.0\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 505)
            #expect(await client.isClosedByServer())
        }
    }
}
