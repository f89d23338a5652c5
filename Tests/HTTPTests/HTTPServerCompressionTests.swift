import Gzip
import HTTP
import Testing
import WireTestSupport

@Suite("HTTPServer compression")
struct HTTPServerCompressionTests {
    private func get(_ path: String, acceptEncoding: String?, port: Int) async throws -> RawHTTPClient.Response {
        let client = try await RawHTTPClient(port: port)
        let accept = acceptEncoding.map { "Accept-Encoding: \($0)\r\n" } ?? ""
        try await client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\(accept)\r\n")
        return try await client.readResponse()
    }

    @Test("a large JSON body is gzipped when accepted, byte-exact after gunzip, with Vary")
    func gzipsWhenAccepted() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let plain = try await get("/big", acceptEncoding: nil, port: port)
            let zipped = try await get("/big", acceptEncoding: "br;q=1.0, gzip;q=0.8", port: port)
            #expect(plain.header("Content-Encoding") == nil)
            #expect(zipped.header("Content-Encoding") == "gzip")
            #expect(zipped.header("Vary") == "Accept-Encoding" && plain.header("Vary") == "Accept-Encoding")
            #expect(Gzip.isGzip(zipped.body))
            #expect(zipped.header("Content-Length") == String(zipped.body.count))
            #expect(try Gzip.decompress(zipped.body) == plain.body)
        }
    }

    @Test("gzip;q=0 gets identity; a small body stays identity; identity;q=0 forces gzip")
    func honoursQualityValues() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            #expect(try await get("/big", acceptEncoding: "gzip;q=0, identity", port: port).header("Content-Encoding") == nil)
            #expect(try await get("/big", acceptEncoding: "*;q=0.5, gzip;q=0", port: port).header("Content-Encoding") == nil)
            #expect(try await get("/small", acceptEncoding: "gzip", port: port).header("Content-Encoding") == nil)
            let forced = try await get("/small", acceptEncoding: "gzip, identity;q=0", port: port)
            #expect(forced.header("Content-Encoding") == "gzip")
            #expect(try Gzip.decompress(forced.body) == Array("{\"ok\":true}".utf8))
        }
    }

    @Test("an already-compressed type (image/png) is not gzipped and does not vary")
    func skipsCompressedTypes() async throws {
        try await TestServer.with(router: TestServer.makeRouter()) { port in
            let response = try await get("/png", acceptEncoding: "gzip", port: port)
            #expect(response.header("Content-Encoding") == nil && response.header("Vary") == nil)
            #expect(response.body.count == 4096)
        }
    }

    @Test("a response the handler already encoded is left alone")
    func leavesEncodedResponsesAlone() async throws {
        var router = HTTPRouter()
        let payload = try Gzip.compress(Array(String(repeating: "x", count: 5000).utf8))
        router.get("/pre") { _ in
            HTTPResponse(headers: ["Content-Type": "text/plain", "Content-Encoding": "gzip"], body: payload)
        }
        try await TestServer.with(router: router) { port in
            let response = try await get("/pre", acceptEncoding: "gzip", port: port)
            #expect(response.body == payload)
        }
    }
}
