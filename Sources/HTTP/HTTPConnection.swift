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
                parsed = try await readRequest(&parser)
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

    /// Reads until the parser yields a request, applying the idle, header and body deadlines.
    private func readRequest(_ parser: inout HTTPRequestParser) async throws(ReadFailure) -> HTTPRequestParser.Parsed {
        var requestDeadline: ContinuousClock.Instant?
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
                ContinuousClock.now + configuration.idleTimeout
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

    /// Runs the handler and writes its response; false when the connection must close.
    private func respond(to parsed: HTTPRequestParser.Parsed, mayKeepAlive: Bool) async -> Bool {
        let started = ContinuousClock.now
        let head = parsed.head
        let request = HTTPRequest(
            method: head.method, target: head.target, path: head.path, query: head.query, version: head.version,
            headers: head.headers, body: parsed.body, requestID: RequestID.make(incoming: head.headers["X-Request-Id"]),
            remoteAddress: HTTPRequest.host(ofPeer: socket.remoteAddress))
        let response = await dispatch(request)
        // Decided after the handler ran, so a shutdown that began meanwhile closes this connection.
        let keepAlive = mayKeepAlive && !registry.isShuttingDown
        let finalizer = ResponseFinalizer(configuration: configuration, logger: logger)
        let output = finalizer.finalize(response, for: request, keepAlive: keepAlive)
        var written = true
        do {
            try await socket.write(output.bytes, deadline: ContinuousClock.now + configuration.writeTimeout)
        } catch {
            written = false
        }
        let elapsed = ContinuousClock.now - started
        logger.info("request", metadata: [
            "http.method": "\(request.method)", "http.path": "\(request.path)",
            "http.status": "\(output.status.code)", "http.response_bytes": "\(output.bodyBytes)",
            "http.duration_ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)",
            "http.request_id": "\(request.requestID)", "http.version": "\(request.version)",
            "net.peer": "\(socket.remoteAddress)", "http.written": "\(written)",
        ])
        return written && keepAlive
    }

    /// The handler's response; router errors and `HTTPResponseError`s become their status, anything else a 500.
    private func dispatch(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await router.handler(for: request)(request)
        } catch let error as any HTTPResponseError {
            var response = HTTPResponse.text(error.publicMessage + "\n", status: error.status)
            for (name, value) in error.headers {
                response.headers.set(name, value)
            }
            return response
        } catch {
            logger.error("handler failed", metadata: [
                "http.request_id": "\(request.requestID)", "http.method": "\(request.method)",
                "http.path": "\(request.path)", "error": "\(String(reflecting: error))",
            ])
            return .text("Internal Server Error\n", status: .internalServerError)
        }
    }

    /// Answers a request that could not be read with `status` and `Connection: close`, then closes after
    /// letting the client see the answer (half-close, brief drain) rather than resetting it.
    private func reject(_ status: HTTPStatus, message: String, reason: String) async {
        let requestID = RequestID.generate()
        let bytes = HTTPResponseSerializer.errorResponse(
            status, message: message, serverName: configuration.serverName, requestID: requestID)
        logger.info("request rejected", metadata: [
            "http.status": "\(status.code)", "http.request_id": "\(requestID)", "error": "\(reason)",
            "net.peer": "\(socket.remoteAddress)",
        ])
        let deadline = ContinuousClock.now + .seconds(1)
        try? await socket.write(bytes, deadline: deadline)
        socket.shutdownWrite()
        var sink: [UInt8] = []
        var drained = 0
        while drained < 256 * 1024 {
            sink.removeAll(keepingCapacity: true)
            guard let count = try? await socket.read(appendingTo: &sink, maxBytes: 16 * 1024, deadline: deadline),
                  count > 0 else { break }
            drained += count
        }
        socket.close()
    }
}
