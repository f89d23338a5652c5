@testable import Dashboard
import Foundation
import HTTP
import Logging
import Sockets

/// One request over a real socket to a real `HTTPServer`, read byte for byte (no client undoes the
/// gzip), with `Connection: close` so the response ends where the stream does.
struct DashboardHTTPClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        func headerValues(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int

    func get(_ target: String, headers: [(String, String)] = []) async throws -> Response {
        let socket = try await Socket.connect(host: "127.0.0.1", port: port, deadline: .now + .seconds(5))
        defer { socket.close() }
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        try await socket.write(Array((request + "\r\n").utf8), deadline: .now + .seconds(5))
        var bytes: [UInt8] = []
        while try await socket.read(appendingTo: &bytes, maxBytes: 65_536, deadline: .now + .seconds(20)) > 0 {}
        guard let headEnd = bytes.indices.first(where: { bytes[$0...].starts(with: [13, 10, 13, 10]) }) else {
            throw Failure(description: "no complete head in \(bytes.count) bytes")
        }
        var lines = String(decoding: bytes[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line") }
        let fields = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
        }
        return Response(status: status, headers: fields, body: Array(bytes[(headEnd + 4)...]))
    }

    /// Runs the dashboard's routes on 127.0.0.1 port 0 for the duration of `body`.
    static func withServer<T: Sendable>(_ app: DashboardApp, _ body: (DashboardHTTPClient) async throws -> T) async throws -> T {
        var router = HTTPRouter()
        app.register(on: &router)
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.shutdownGracePeriod = .seconds(2)
        let server = try HTTPServer.bind(configuration: configuration, router: router,
                                         logger: Logger(label: "dashboard.tests.http") { _ in SwiftLogNoOpLogHandler() })
        let running = Task { try await server.run() }
        do {
            let result = try await body(DashboardHTTPClient(port: server.localPort))
            running.cancel()
            try await running.value
            return result
        } catch {
            running.cancel()
            _ = try? await running.value
            throw error
        }
    }
}
