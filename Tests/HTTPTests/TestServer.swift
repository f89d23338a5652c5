import Foundation
import HTTP
import Logging

/// Runs an `HTTPServer` on 127.0.0.1 port 0 for the duration of `body`, then cancels it and waits for it.
enum TestServer {
    static let quietLogger = Logger(label: "http-tests") { _ in SwiftLogNoOpLogHandler() }

    static func with<T: Sendable>(
        router: HTTPRouter,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        _ body: (Int) async throws -> T
    ) async throws -> T {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.shutdownGracePeriod = .seconds(2)
        configure(&configuration)
        let server = try HTTPServer.bind(configuration: configuration, router: router, logger: quietLogger)
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let result = try await body(server.localPort)
        running.cancel()
        try await running.value
        return result
    }

    /// The router most server tests use.
    static func makeRouter() -> HTTPRouter {
        var router = HTTPRouter()
        router.get("/hello") { request in
            .text("hello \(request.query["name"] ?? "world")")
        }
        router.post("/echo") { request in
            HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
        router.get("/big") { _ in
            .json(Array(("[" + String(repeating: "{\"event\":\"page_view\"},", count: 200) + "{}]").utf8))
        }
        router.get("/small") { _ in .json(Array("{\"ok\":true}".utf8)) }
        router.get("/teapot") { _ in throw HTTPError(HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), "short and stout") }
        router.get("/boom") { _ in throw SecretFailure() }
        return router
    }

    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "password=hunter2 leaked detail" }
    }
}
