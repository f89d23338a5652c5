@testable import HTTP
import Testing

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    static let limits = HTTPRequestParser.Limits(
        maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 64)

    private func parse(_ text: String) throws(HTTPParseError) -> [HTTPRequestParser.Parsed] {
        var parser = HTTPRequestParser(limits: Self.limits)
        parser.buffer = Array(text.utf8)
        var results: [HTTPRequestParser.Parsed] = []
        while let parsed = try parser.next() {
            results.append(parsed)
        }
        return results
    }

    private func error(_ text: String) -> HTTPParseError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("parses method, decoded path, query and headers")
    func parsesSimpleGet() throws {
        let requests = try parse("GET /a%20b/c?x=1&y=hello+there&x=2 HTTP/1.1\r\nHost: h\r\nX-Thing:  v  \r\n\r\n")
        let head = try #require(requests.first).head
        #expect(head.method == .get)
        #expect(head.path == "/a b/c")
        #expect(head.query["y"] == "hello there")
        #expect(head.query.values("x") == ["1", "2"])
        #expect(head.headers["x-thing"] == "v")
        #expect(head.isKeepAlive)
    }

    @Test("HTTP/1.0 is keep-alive only when asked")
    func http10KeepAlive() throws {
        #expect(try parse("GET / HTTP/1.0\r\n\r\n")[0].head.isKeepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")[0].head.isKeepAlive)
        #expect(try parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")[0].head.isKeepAlive == false)
    }

    @Test("pipelined requests come out in order with their bodies")
    func parsesPipelinedRequests() throws {
        let requests = try parse(
            "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(requests.map(\.head.path) == ["/1", "/2"])
        #expect(requests[0].body == Array("abc".utf8))
    }

    @Test("a chunked body is decoded and extensions and trailers are dropped")
    func parsesChunkedBody() throws {
        let requests = try parse(
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n")
        #expect(requests.first?.body == Array("Wikipedia".utf8))
    }

    @Test("feeding one byte at a time yields the same request")
    func parsesByteByByte() throws {
        let text = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        var parser = HTTPRequestParser(limits: Self.limits)
        var result: HTTPRequestParser.Parsed?
        for byte in text.utf8 {
            #expect(result == nil)
            parser.buffer.append(byte)
            result = try parser.next()
        }
        #expect(result?.body == Array("abc".utf8))
        #expect(parser.isMidRequest == false)
    }

    @Test("duplicate or comma-listed Content-Length is rejected")
    func rejectsDuplicateContentLength() {
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc") == .duplicateContentLength)
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc") == .duplicateContentLength)
    }

    @Test("non-numeric Content-Length is rejected")
    func rejectsInvalidContentLength() {
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc") == .invalidContentLength)
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x3\r\n\r\nabc") == .invalidContentLength)
    }

    @Test("Content-Length together with Transfer-Encoding is rejected")
    func rejectsContentLengthWithTransferEncoding() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(error(text) == .contentLengthWithTransferEncoding)
        #expect(HTTPParseError.contentLengthWithTransferEncoding.status == .badRequest)
    }

    @Test("obs-fold, space before colon, bare LF and control bytes are rejected")
    func rejectsMalformedHeaders() {
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n") == .obsoleteLineFolding)
        #expect(error("GET / HTTP/1.1\r\nHost : h\r\n\r\n") == .whitespaceBeforeColon)
        #expect(error("GET / HTTP/1.1\nHost: h\r\n\r\n") == .bareLineEnding)
        #expect(error("GET / HTTP/1.1\r\nHost: h\u{0}x\r\n\r\n") == .invalidHeaderValue)
        #expect(error("GET / HTTP/1.1\r\nBad[Name]: h\r\n\r\n") == .invalidHeaderName)
    }

    @Test("a bare LF or CR fails as soon as it arrives, without waiting for a CRLF CRLF that may never come")
    func rejectsBareLineEndingsAtOnce() {
        #expect(error("GET / HTTP/1.1\nHost: h\n\n") == .bareLineEnding)
        #expect(error("GET / HTTP/1.1\n") == .bareLineEnding)
        #expect(error("GET / HTTP/1.1\r\nHost: h\nX") == .bareLineEnding)
        #expect(error("GET / HTTP/1.1\rHost: h") == .bareLineEnding)
        #expect(error("\nGET / HTTP/1.1\r\n") == .bareLineEnding)
        #expect(HTTPParseError.bareLineEnding.status == .badRequest)
        // A CR whose LF has not arrived yet is no error.
        #expect(error("GET / HTTP/1.1\r") == nil)
    }

    @Test("Expect other than 100-continue cannot be met: 417")
    func rejectsUnknownExpectations() throws {
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue, x-fast\r\nContent-Length: 1\r\n\r\na") == .unsupportedExpectation)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\n\r\n")?.status == .expectationFailed)
        let continued = try parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\na")
        #expect(continued.first?.head.expectsContinue == true)
    }

    @Test("a #fragment in the request target is refused: 400")
    func rejectsFragments() {
        #expect(error("GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n") == .fragmentInTarget)
        #expect(error("GET http://h/a?x#y HTTP/1.1\r\nHost: h\r\n\r\n")?.status == .badRequest)
        #expect(error("GET /a%23b HTTP/1.1\r\nHost: h\r\n\r\n") == nil)
    }

    @Test("request line problems are rejected with the right status")
    func rejectsBadRequestLines() {
        #expect(error("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") == .malformedRequestLine)
        #expect(error("GET / HTTP/2.0\r\nHost: h\r\n\r\n")?.status == .httpVersionNotSupported)
        #expect(error("GET relative HTTP/1.1\r\nHost: h\r\n\r\n") == .invalidTarget)
        #expect(error("GET /a%00b HTTP/1.1\r\nHost: h\r\n\r\n") == .invalidPath)
        #expect(error("GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n") == .invalidPath)
        #expect(error("GET / HTTP/1.1\r\n\r\n") == .missingHost)
    }

    @Test("caps on request line, header block, header count and body")
    func enforcesLimits() {
        #expect(error("GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\n")?.status == .uriTooLong)
        #expect(error("GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: h\r\n\r\n") == .requestLineTooLong)
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "a", count: 600))")?.status == .requestHeaderFieldsTooLarge)
        let many = (0..<10).map { "X-\($0): v\r\n" }.joined()
        #expect(error("GET / HTTP/1.1\r\nHost: h\r\n\(many)\r\n") == .tooManyHeaders)
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65\r\n\r\n")?.status == .payloadTooLarge)
        #expect(error("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n") == .bodyTooLarge)
    }

    @Test("transfer codings: unknown or undecoded → 501, chunked not last or repeated → 400")
    func classifiesTransferCodings() {
        let post = { (coding: String) in "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \(coding)\r\n\r\n0\r\n\r\n" }
        #expect(error(post("br, chunked")) == .unsupportedTransferEncoding)
        #expect(error(post("gzip, chunked"))?.status == .notImplemented)
        #expect(error(post("chunked, gzip")) == .invalidTransferEncoding)
        #expect(error(post("chunked, chunked")) == .invalidTransferEncoding)
        #expect(error(post("Chunked")) == nil)
    }

    @Test("an absolute-form target yields its path and query; a scheme-less one is refused")
    func parsesAbsoluteForm() throws {
        let request = try #require(try parse("GET HTTP://example.com:80/a%2Fb?x=%41 HTTP/1.1\r\nHost: example.com\r\n\r\n").first)
        #expect(request.head.path == "/a/b" && request.head.query["x"] == "A")
        #expect(error("GET //example.com/a:b HTTP/1.1\r\nHost: h\r\n\r\n") == nil)
        #expect(error("GET example.com/a HTTP/1.1\r\nHost: h\r\n\r\n") == .invalidTarget)
    }

    @Test("a head exactly at the line and block caps is accepted whether it arrives whole or byte by byte")
    func acceptsHeadAtTheCapsInAnyPieces() throws {
        let line = "GET /\(String(repeating: "a", count: 256 - 14)) HTTP/1.1"
        // The block counts from the request line's CRLF to the final CRLF CRLF: 2 + "Host: h" + 2 + field.
        let field = "X: " + String(repeating: "b", count: 512 - 11 - 3)
        let text = "\(line)\r\nHost: h\r\n\(field)\r\n\r\n"
        #expect(line.utf8.count == 256)
        #expect(try parse(text).count == 1)
        var parser = HTTPRequestParser(limits: Self.limits)
        var parsed = 0
        for byte in text.utf8 {
            parser.buffer.append(byte)
            if try parser.next() != nil {
                parsed += 1
            }
        }
        #expect(parsed == 1)
        #expect(error("GET /a\(line.dropFirst(5))\r\nHost: h\r\n\r\n") == .requestLineTooLong)
        #expect(error("\(line)\r\nHost: h\r\n\(field)b\r\n\r\n") == .headerBlockTooLarge)
    }
}
