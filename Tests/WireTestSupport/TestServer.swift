import HTTP
import Logging
import Sockets

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

    /// Raises this process's open-file limit to at least `wanted` (within the hard limit); whether it is now
    /// that high. Tests that hold thousands of connections (both ends in this process) need it.
    public static func raiseOpenFileLimit(to wanted: Int) -> Bool {
        OpenFileLimit.raise(to: wanted) >= wanted
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
    public static func eventually(within timeout: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() {
                return true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
