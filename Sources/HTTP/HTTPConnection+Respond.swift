import Logging
import Sockets

extension HTTPConnection {
    /// Runs the handler and writes its response; false when the connection must close.
    func respond(to parsed: HTTPRequestParser.Parsed, mayKeepAlive: Bool) async -> Bool {
        let started = ContinuousClock.now
        let head = parsed.head
        let request = HTTPRequest(
            method: head.method, target: head.target, path: head.path, query: head.query, version: head.version,
            headers: head.headers, body: parsed.body, requestID: RequestID.make(incoming: head.headers["X-Request-Id"]),
            remoteAddress: remoteHost)
        let (response, isComplete) = await dispatch(request)
        // Decided after the handler ran, so a shutdown that began meanwhile closes this connection.
        let keepAlive = mayKeepAlive && isComplete && !registry.isShuttingDown
        let output = finalizer.finalize(response, for: request, keepAlive: keepAlive)
        var written = true
        do {
            try await socket.write(output.bytes, deadline: ContinuousClock.now + configuration.writeTimeout)
        } catch {
            written = false
        }
        if logger.logLevel <= .info {
            logAccess(request, output: output, written: written, elapsed: ContinuousClock.now - started)
        }
        return written && keepAlive
    }

    /// One access-log line per request, at info level, with the values as metadata.
    private func logAccess(_ request: HTTPRequest, output: ResponseFinalizer.Output, written: Bool, elapsed: Duration) {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "http.method": "\(request.method)", "http.path": "\(request.path)",
            "http.status": "\(output.status.code)", "http.response_bytes": "\(output.bodyBytes)",
            "http.duration_ms": "\((milliseconds * 1000).rounded() / 1000)",
            "http.request_id": "\(request.requestID)", "http.version": "\(request.version)",
            "net.peer": "\(socket.remoteAddress)", "http.written": "\(written)",
        ])
    }

    /// The handler's response; router errors and `HTTPResponseError`s become their status, anything else a
    /// 500. A handler past `requestTimeout` (or cancelled by shutdown) gives 503 and `isComplete == false`:
    /// the connection closes, since the abandoned handler may still be running.
    private func dispatch(_ request: HTTPRequest) async -> (HTTPResponse, isComplete: Bool) {
        if let allowList = configuration.allowedHosts, !allowList.allows(request) {
            logger.info("request for another host refused", metadata: [
                "http.request_id": "\(request.requestID)", "http.host": "\(request.headers["Host"]?.prefix(100) ?? "-")",
                "http.path": "\(request.path)", "net.peer": "\(socket.remoteAddress)",
            ])
            return (response(for: HTTPError(.misdirectedRequest, allowList.refusalMessage), request: request), true)
        }
        let handler: HTTPHandler
        do {
            handler = try router.handler(for: request)
        } catch {
            return (response(for: error, request: request), true)
        }
        switch await handlers.run(handler, request) {
        case let .finished(.success(response)):
            return (response, true)
        case let .finished(.failure(error as any HTTPResponseError)):
            return (response(for: error, request: request), true)
        case let .finished(.failure(error)):
            logger.error("handler failed", metadata: [
                "http.request_id": "\(request.requestID)", "http.method": "\(request.method)",
                "http.path": "\(request.path)", "error": "\(String(reflecting: error))",
            ])
            return (.text("Internal Server Error\n", status: .internalServerError), true)
        case .timedOut:
            logger.warning("handler timed out", metadata: [
                "http.request_id": "\(request.requestID)", "http.method": "\(request.method)",
                "http.path": "\(request.path)", "http.request_timeout": "\(configuration.requestTimeout)",
            ])
            return (.text("request took too long\n", status: .serviceUnavailable), false)
        case .cancelled:
            return (.text("server shutting down\n", status: .serviceUnavailable), false)
        }
    }

    /// The configured rendering of `error` (or its message as text), with the error's status and headers.
    private func response(for error: any HTTPResponseError, request: HTTPRequest) -> HTTPResponse {
        var response = configuration.errorResponse?(error, request) ?? .text(error.publicMessage + "\n", status: error.status)
        response.status = error.status
        // Replaced by name, yet every value kept: a 401 may offer two schemes in two WWW-Authenticate fields.
        for (name, _) in error.headers {
            response.headers.remove(name)
        }
        for (name, value) in error.headers {
            response.headers.add(name, value)
        }
        return response
    }

    /// Answers a request that could not be read with `status` and `Connection: close`, then closes after
    /// letting the client see the answer (half-close, brief drain) rather than resetting it.
    func reject(_ status: HTTPStatus, message: String, reason: String) async {
        let requestID = RequestID.generate()
        let bytes = HTTPResponseSerializer.errorResponse(
            status, message: message, serverName: configuration.serverName, requestID: requestID,
            custom: configuration.rejectionResponse?(status, message))
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
