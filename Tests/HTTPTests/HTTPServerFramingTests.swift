import Foundation
import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer framing")
struct HTTPServerFramingTests {
    @Test("two requests on one keep-alive connection are both answered")
    func servesKeepAlive() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try await client.readResponse()
            try await client.send("GET /hello?name=again HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try await client.readResponse()
            #expect(first.status == 200 && first.text == "hello world")
            #expect(second.text == "hello again")
            #expect(first.header("Connection") == nil)
            #expect(first.header("Date") != nil && first.header("Server") == "clickstream")
            #expect(first.header("Content-Length") == "11")
        }
    }

    @Test("pipelined requests are answered in order")
    func answersPipelinedRequestsInOrder() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send(
                "GET /hello?name=1 HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n"
                + "abcdeGET /hello?name=3 HTTP/1.1\r\nHost: t\r\n\r\n")
            let texts = [try await client.readResponse(), try await client.readResponse(), try await client.readResponse()]
            #expect(texts.map(\.text) == ["hello 1", "abcde", "hello 3"])
        }
    }

    @Test("HEAD gets GET's headers and no body")
    func answersHeadWithoutBody() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(isHead: true)
            let get = try await client.readResponse()
            #expect(head.status == 200 && head.header("Content-Length") == "11" && head.body.isEmpty)
            #expect(get.text == "hello world")
        }
    }

    @Test("HTTP/1.0 without keep-alive is closed after the response")
    func closesHTTP10() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.0\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("Expect: 100-continue gets an interim response before the body is sent")
    func sendsContinue() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
            #expect(try await client.readResponse(isHead: true).status == 100)
            try await client.send("ok")
            #expect(try await client.readResponse().text == "ok")
        }
    }

    @Test("Expect other than 100-continue gets 417 before the body, and the connection is closed")
    func refusesUnknownExpectation() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 101-switch\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 417)
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test("a chunked request body reaches the handler decoded")
    func acceptsChunkedBody() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            #expect(try await client.readResponse().text == "abcde")
        }
    }

    @Test("a sane X-Request-Id is echoed and a missing or odd one is generated")
    func echoesRequestID() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n")
            #expect(try await client.readResponse().header("X-Request-Id") == "abc-123")
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: <script>\r\n\r\n")
            let generated = try await client.readResponse().header("X-Request-Id")
            #expect(generated?.count == 16 && generated != "<script>")
        }
    }
}
