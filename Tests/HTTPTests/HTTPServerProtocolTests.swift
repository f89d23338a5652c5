import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer protocol")
struct HTTPServerProtocolTests {
    @Test("HTTP/1.0 with Connection: keep-alive stays open and says so")
    func keepsHTTP10AliveWhenAsked() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try await client.readResponse()
            #expect(first.header("Connection") == "keep-alive")
            try await client.send("GET /hello?name=again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await client.readResponse().text == "hello again")
        }
    }

    @Test("HTTP/1.1 Connection: close is answered with Connection: close, then the connection closes")
    func honoursConnectionClose() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200 && response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("an absolute-form target routes by its path and keeps its query")
    func acceptsAbsoluteFormTarget() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET http://example.com:8080/hello?name=abs HTTP/1.1\r\nHost: example.com\r\n\r\n")
            #expect(try await client.readResponse().text == "hello abs")
        }
    }

    @Test("the path is percent-decoded and the query is percent- and plus-decoded")
    func decodesPathAndQuery() async throws {
        var router = HTTPRouter()
        router.get("/a b/ü") { request in
            .text("\(request.path)|\(request.query["q"] ?? "-")|\(request.query.values("x"))|\(request.target)")
        }
        try await TestServer.with(router: router) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /a%20b/%C3%BC?q=1+2%3D3&x=a&x=%2F HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.text == "/a b/ü|1 2=3|[\"a\", \"/\"]|/a%20b/%C3%BC?q=1+2%3D3&x=a&x=%2F")
        }
    }

    @Test("an unknown transfer coding gets 501; chunked not last gets 400; both close the connection",
          arguments: [("br, chunked", 501), ("gzip, chunked", 501), ("chunked, gzip", 400), ("chunked, chunked", 400)])
    func rejectsTransferCodings(coding: String, status: Int) async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: \(coding)\r\n\r\n0\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("after maxRequestsPerConnection responses the server says Connection: close and closes")
    func limitsRequestsPerConnection() async throws {
        try await TestServer.with(router: TestServer.makeRouter(), configure: { $0.maxRequestsPerConnection = 2 }) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().header("Connection") == nil)
            #expect(try await client.readResponse().header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("ETag + If-None-Match gives 304 without a body for a handler's response")
    func answersNotModifiedForHandlerETags() async throws {
        var router = HTTPRouter()
        router.get("/versioned") { _ in HTTPResponse(headers: ["ETag": "\"v42\"", "Content-Type": "application/json"], body: Array("{}".utf8)) }
        try await TestServer.with(router: router) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /versioned HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"v41\", W/\"v42\"\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 304 && response.body.isEmpty && response.header("ETag") == "\"v42\"")
            try await client.send("GET /versioned HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "{}")
        }
    }

    @Test("a POST with Content-Length 0 and a GET without a body are both answered")
    func handlesEmptyBodies() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\nGET /small HTTP/1.1\r\nHost: t\r\n\r\n")
            let post = try await client.readResponse()
            #expect(post.status == 200 && post.body.isEmpty && post.header("Content-Length") == "0")
            #expect(try await client.readResponse().text == "{\"ok\":true}")
        }
    }
}
