import Logging
import Sockets

/// One client connection, served by one task: read → parse → route → respond, in order, until close.
struct HTTPConnection: Sendable {
    let id: UInt64
    let socket: Socket
    let router: HTTPRouter
    let configuration: HTTPServer.Configuration
    let logger: Logger
    let registry: ConnectionRegistry
    let handlers: HandlerRunner
    let finalizer: ResponseFinalizer
    /// The peer's host without the port, computed once per connection.
    let remoteHost: String?
    /// When the connection was accepted: its first request's head is due `headerTimeout` after it.
    let acceptedAt: ContinuousClock.Instant

    /// Why reading the next request stopped.
    enum ReadFailure: Error {
        /// Peer closed, idle timeout, shutdown or I/O error: close without answering.
        case hangUp
        /// Malformed or oversized request: answer with its status and close.
        case parse(HTTPParseError)
        /// The head or body did not arrive in time: 408 and close.
        case timedOut
    }

    func run() async {
        var parser = HTTPRequestParser(limits: configuration.parserLimits)
        var served = 0
        while !Task.isCancelled {
            let parsed: HTTPRequestParser.Parsed
            do throws(ReadFailure) {
                parsed = try await readRequest(&parser, isFirst: served == 0)
            } catch {
                switch error {
                case .hangUp:
                    socket.close()
                case let .parse(error):
                    await reject(error.status, message: error.description, reason: "\(error)")
                case .timedOut:
                    await reject(.requestTimeout, message: "request timeout", reason: "timeout")
                }
                return
            }
            served += 1
            let mayKeepAlive = parsed.head.isKeepAlive && served < configuration.maxRequestsPerConnection
            guard await respond(to: parsed, mayKeepAlive: mayKeepAlive) else { break }
        }
        socket.close()
    }

    /// Reads until the parser yields a request, applying the idle, header and body deadlines. The first request
    /// of a connection has its header deadline from accept (a connection that never sends a byte is closed
    /// then); later ones have the idle timeout until their first byte and the header timeout from it.
    private func readRequest(
        _ parser: inout HTTPRequestParser, isFirst: Bool
    ) async throws(ReadFailure) -> HTTPRequestParser.Parsed {
        var requestDeadline: ContinuousClock.Instant? = isFirst ? acceptedAt + configuration.headerTimeout : nil
        var bodyDeadline: ContinuousClock.Instant?
        var sentContinue = false
        while true {
            do throws(HTTPParseError) {
                if let parsed = try parser.next() {
                    return parsed
                }
            } catch {
                throw .parse(error)
            }
            if let head = parser.headAwaitingBody {
                bodyDeadline = bodyDeadline ?? ContinuousClock.now + configuration.bodyTimeout
                if head.expectsContinue && !sentContinue {
                    sentContinue = true
                    do {
                        try await socket.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), deadline: bodyDeadline)
                    } catch {
                        throw .hangUp
                    }
                }
            }
            let isIdle = !parser.isMidRequest
            guard registry.setIdle(id, isIdle) else { throw .hangUp }
            let deadline: ContinuousClock.Instant = if isIdle {
                requestDeadline ?? ContinuousClock.now + configuration.idleTimeout
            } else {
                bodyDeadline ?? requestDeadline ?? ContinuousClock.now + configuration.headerTimeout
            }
            let count: Int
            do throws(SocketError) {
                count = try await socket.read(
                    appendingTo: &parser.buffer, maxBytes: configuration.readChunkBytes, deadline: deadline)
            } catch .timedOut {
                throw isIdle ? .hangUp : .timedOut
            } catch {
                throw .hangUp
            }
            guard count > 0 else { throw .hangUp }
            _ = registry.setIdle(id, false)
            if requestDeadline == nil {
                requestDeadline = ContinuousClock.now + configuration.headerTimeout
            }
        }
    }
}
