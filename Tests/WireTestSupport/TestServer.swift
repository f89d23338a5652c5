import HTTP
import Logging

/// Runs an `HTTPServer` on 127.0.0.1 port 0 for the duration of `body`, then cancels it and waits for it.
public enum TestServer {
    public static let quietLogger = Logger(label: "http-tests") { _ in SwiftLogNoOpLogHandler() }

    public static func with<T: Sendable>(
        router: HTTPRouter,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        logger: Logger = quietLogger,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        try await withServer(router: router, configure: configure, logger: logger) { server in
            try await body(server.localPort)
        }
    }

    /// Like `with`, but hands `body` the server itself (for `localPort` and `openConnections`).
    public static func withServer<T: Sendable>(
        router: HTTPRouter,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        logger: Logger = quietLogger,
        _ body: (HTTPServer) async throws -> T
    ) async throws -> T {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.shutdownGracePeriod = .seconds(2)
        configure(&configuration)
        let server = try HTTPServer.bind(configuration: configuration, router: router, logger: logger)
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let result = try await body(server)
        running.cancel()
        try await running.value
        return result
    }
}
