import Foundation
import Logging
import Sockets

/// The HTTP/1.1 server: one task per connection on the shared epoll reactor, bounded in every dimension.
public final class HTTPServer: Sendable {
    private let listener: ListeningSocket
    private let router: HTTPRouter
    private let configuration: Configuration
    private let logger: Logger
    private let registry: ConnectionRegistry
    private let handlers: HandlerRunner
    private let finalizer: ResponseFinalizer
    private let refusalLog = LogThrottle(interval: .seconds(1))

    /// Binds the listening socket now (so a port clash fails at start-up); call `run()` to serve.
    public static func bind(configuration: Configuration, router: HTTPRouter, logger: Logger) throws -> HTTPServer {
        let listener = try ListeningSocket.bind(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        logger.info("http server listening", metadata: ["net.address": "\(listener.localAddress)"])
        return HTTPServer(listener: listener, router: router, configuration: configuration, logger: logger)
    }

    /// A port bound and listening for a server not built yet: a program with slow start-up work (a database
    /// to start, migrations) binds first, so a port clash fails before that work, not after.
    public struct Binding: Sendable {
        let listener: ListeningSocket
        /// The bound port (the kernel's choice when configured with port 0).
        public var localPort: Int { listener.localPort }
    }

    /// Binds `configuration`'s host and port without listening: connections are refused (not left waiting)
    /// until the server built on it listens.
    public static func reserve(configuration: Configuration) throws -> Binding {
        Binding(listener: try ListeningSocket.bind(host: configuration.host, port: configuration.port, listens: false))
    }

    /// The server on a reserved port (`configuration`'s host and port are those of `binding`), listening now.
    public convenience init(binding: Binding, router: HTTPRouter, configuration: Configuration, logger: Logger) throws {
        try binding.listener.listen(backlog: configuration.backlog)
        logger.info("http server listening", metadata: ["net.address": "\(binding.listener.localAddress)"])
        self.init(listener: binding.listener, router: router, configuration: configuration, logger: logger)
    }

    private init(listener: ListeningSocket, router: HTTPRouter, configuration: Configuration, logger: Logger) {
        self.listener = listener
        self.router = router
        self.configuration = configuration
        self.logger = logger
        registry = ConnectionRegistry(maxConnections: configuration.maxConnections,
                                      maxPerAddress: configuration.maxConnectionsPerAddress,
                                      uncappedAddresses: configuration.uncappedAddresses)
        handlers = HandlerRunner(limit: configuration.requestTimeout)
        finalizer = ResponseFinalizer(configuration: configuration, logger: logger)
    }

    /// Connections open right now (idle keep-alive ones included).
    public var openConnections: Int { registry.count }

    /// Connections open right now from the peer address `address` (`127.0.0.1`; 0 for an uncapped address).
    public func openConnections(from address: String) -> Int { registry.count(from: address) }

    /// The bound port (the kernel's choice when configured with port 0).
    public var localPort: Int { listener.localPort }

    /// Serves until the calling task is cancelled; then stops accepting, closes idle connections, lets
    /// in-flight requests finish within `shutdownGracePeriod`, cancels what remains and returns.
    public func run() async throws {
        // Serving runs in its own task so the caller's cancellation starts a graceful drain instead of
        // cancelling in-flight handlers at once.
        let serving = Task { await self.serve() }
        await withTaskCancellationHandler {
            await serving.value
        } onCancel: {
            self.beginShutdown()
        }
    }

    private func beginShutdown() {
        logger.info("http server shutting down", metadata: ["http.open_connections": "\(registry.count)"])
        listener.close()
        registry.beginShutdown()
    }

    private func serve() async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                // Enforces requestTimeout until the group is cancelled at the end of shutdown.
                while (try? await Task.sleep(for: .milliseconds(100))) != nil {
                    self.handlers.tick()
                }
            }
            while true {
                let socket: Socket
                do throws(SocketError) {
                    socket = try await listener.accept()
                } catch .closed, .cancelled {
                    break
                } catch {
                    // EMFILE and friends: back off briefly instead of spinning; keep serving open connections.
                    logger.warning("accept failed", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .milliseconds(100))
                    continue
                }
                let acceptedAt = ContinuousClock.now
                let remoteHost = HTTPRequest.host(ofPeer: socket.remoteAddress)
                let id: UInt64
                switch registry.add(socket, address: remoteHost) {
                case .success(let registered):
                    id = registered
                case .failure(let refusal):
                    refuse(socket, refusal)
                    continue
                }
                let connection = HTTPConnection(
                    id: id, socket: socket, router: router, configuration: configuration, logger: logger,
                    registry: registry, handlers: handlers, finalizer: finalizer, remoteHost: remoteHost,
                    acceptedAt: acceptedAt)
                group.addTask {
                    await connection.run()
                    self.registry.remove(id)
                }
            }
            let deadline = ContinuousClock.now + configuration.shutdownGracePeriod
            while registry.count > 0 && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if registry.count > 0 {
                logger.warning("cancelling requests still running after the grace period", metadata: [
                    "http.open_connections": "\(registry.count)",
                ])
            }
            group.cancelAll()
        }
        logger.info("http server stopped")
    }

    /// Over a connection limit: one non-blocking attempt at the rejection answer (503 when the server is full,
    /// 429 when the peer's address is), then close, so overload costs almost nothing.
    private func refuse(_ socket: Socket, _ refusal: ConnectionRegistry.Refusal) {
        let (status, message, limit) = switch refusal {
        case .serverFull: (HTTPStatus.serviceUnavailable, "server busy", configuration.maxConnections)
        case .addressFull: (HTTPStatus.tooManyRequests, "too many connections from this address", configuration.maxConnectionsPerAddress)
        }
        var custom = configuration.rejectionResponse?(status, message)
        custom?.headers.set("Retry-After", "1")
        let bytes = HTTPResponseSerializer.errorResponse(
            status, message: message, serverName: configuration.serverName, requestID: nil,
            custom: custom ?? HTTPResponse(headers: ["Retry-After": "1"], body: Array((message + "\n").utf8)))
        socket.writeNow(bytes)
        socket.close()
        // A flood would write one line per connection: one line a second says as much.
        if let refused = refusalLog.note() {
            logger.warning("connections refused: limit reached", metadata: [
                "http.status": "\(status.code)", "http.limit": "\(limit)", "net.peer": "\(socket.remoteAddress)",
                "http.refused": "\(refused)",
            ])
        }
    }
}
