import Foundation
import HTTP
import Testing
import WireTestSupport

@Suite("StaticFiles")
struct StaticFilesTests {
    /// A temporary root with `app.css`, a hidden file, and a symlink pointing outside the root.
    private func makeRoot() throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        let root = base.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("body { color: red }\n".utf8).write(to: root.appendingPathComponent("app.css"))
        try Data("secret".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".env"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.txt"), withDestinationURL: base.appendingPathComponent("secret.txt"))
        return root
    }

    private func router(root: URL) throws -> HTTPRouter {
        let files = try StaticFiles(root: root, urlPrefix: "/static/")
        var router = HTTPRouter()
        router.mount("/static/") { try await files.respond(to: $0) }
        return router
    }

    @Test("serves a file with type, ETag and Last-Modified, then 304 for a matching If-None-Match")
    func servesWithValidators() async throws {
        let root = try makeRoot()
        try await TestServer.with(router: try router(root: root)) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET /static/app.css HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try await client.readResponse()
            #expect(first.status == 200 && first.text == "body { color: red }\n")
            #expect(first.header("Content-Type") == "text/css; charset=utf-8")
            #expect(first.header("Cache-Control") != nil && first.header("Last-Modified") != nil)
            let etag = try #require(first.header("ETag"))
            try await client.send("GET /static/app.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \(etag)\r\n\r\n")
            let second = try await client.readResponse()
            #expect(second.status == 304 && second.body.isEmpty && second.header("ETag") == etag)
            try await client.send("GET /static/app.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"other\"\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("If-Modified-Since at or after Last-Modified gives 304; HEAD gets headers without the body")
    func honoursIfModifiedSinceAndHead() async throws {
        let root = try makeRoot()
        try await TestServer.with(router: try router(root: root)) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("HEAD /static/app.css HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(isHead: true)
            #expect(head.status == 200 && head.header("Content-Length") == "20" && head.body.isEmpty)
            let lastModified = try #require(head.header("Last-Modified"))
            try await client.send("GET /static/app.css HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: \(lastModified)\r\n\r\n")
            #expect(try await client.readResponse().status == 304)
            try await client.send("GET /static/app.css HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            try await client.send("POST /static/app.css HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            let post = try await client.readResponse()
            #expect(post.status == 405 && post.header("Allow") == "GET, HEAD")
        }
    }

    @Test("escape attempts are refused", arguments: [
        ("/static/../secret.txt", 404), ("/static/%2e%2e/secret.txt", 404), ("/static/..%2fsecret.txt", 404),
        ("/static/link.txt", 404), ("/static/.env", 404), ("/static/app.css%00.png", 400), ("/static/", 404),
        ("/static/missing.css", 404), ("/static//app.css", 404),
    ])
    func refusesEscapes(path: String, status: Int) async throws {
        let root = try makeRoot()
        try await TestServer.with(router: try router(root: root)) { port in
            let client = try await RawHTTPClient(port: port)
            try await client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == status)
            #expect(!response.text.contains("secret"))
        }
    }

    @Test("StaticFiles.init fails for a missing root")
    func failsForMissingRoot() {
        #expect(throws: (any Error).self) {
            try StaticFiles(root: URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString)"), urlPrefix: "/s/")
        }
    }
}
