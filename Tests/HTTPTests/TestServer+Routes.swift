import Foundation
import HTTP
import Logging
import WireTestSupport

/// The HTTP tests' routes and helpers, beside the shared runner (`TestServer.with`).
extension TestServer {
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
        router.get("/huge") { _ in HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: hugeBody) }
        router.get("/png") { _ in HTTPResponse(headers: ["Content-Type": "image/png"], body: Array(repeating: 7, count: 4096)) }
        router.get("/sleep") { _ in
            try await Task.sleep(for: .seconds(10))
            return .text("late")
        }
        router.get("/teapot") { _ in throw HTTPError(HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), "short and stout") }
        router.get("/boom") { _ in throw SecretFailure() }
        return router
    }

    /// 16 MiB: far more than socket buffers hold, so writing it takes many round trips.
    static let hugeBody = [UInt8](repeating: UInt8(ascii: "z"), count: 16 << 20)

    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "password=hunter2 leaked detail" }
    }
}
