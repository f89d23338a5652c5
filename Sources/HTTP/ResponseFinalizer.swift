import Gzip
import Logging

/// Turns a handler's response into the bytes sent: conditional 304, gzip negotiation, framing headers, HEAD.
struct ResponseFinalizer: Sendable {
    let configuration: HTTPServer.Configuration
    let logger: Logger

    /// What was sent, for the access log.
    struct Output {
        var bytes: [UInt8]
        var status: HTTPStatus
        var bodyBytes: Int
    }

    func finalize(_ original: HTTPResponse, for request: HTTPRequest, keepAlive: Bool) -> Output {
        var response = original
        let isGetOrHead = request.method == .get || request.method == .head
        if isGetOrHead, response.status == .ok, let etag = response.headers["ETag"], request.ifNoneMatchMatches(etag) {
            response.status = .notModified
            response.body = []
        }
        if !response.status.forbidsBody {
            compressIfWanted(&response, for: request)
        }
        var headers = HTTPHeaders()
        for (name, value) in response.headers where !Self.isServerOwned(name) {
            if HTTPResponseSerializer.isValidField(name: name, value: value) {
                headers.add(name, value)
            } else {
                logger.warning("dropped invalid response header", metadata: [
                    "http.request_id": "\(request.requestID)", "http.header": "\(name)",
                ])
            }
        }
        headers.add("Date", HTTPDate.now())
        headers.add("Server", configuration.serverName)
        if !response.status.forbidsBody {
            headers.add("Content-Length", String(response.body.count))
        }
        if !keepAlive {
            headers.add("Connection", "close")
        } else if request.version == .http1_0 {
            headers.add("Connection", "keep-alive")
        }
        headers.add("X-Request-Id", request.requestID)
        let sendsBody = request.method != .head && !response.status.forbidsBody
        let body = sendsBody ? response.body : []
        return Output(
            bytes: HTTPResponseSerializer.serialize(status: response.status, headers: headers, body: body),
            status: response.status, bodyBytes: body.count)
    }

    /// Headers the server computes itself; a handler's values are replaced.
    private static let serverOwned = [
        "Content-Length", "Transfer-Encoding", "Connection", "Date", "Server", "X-Request-Id", "Keep-Alive",
    ]

    private static func isServerOwned(_ name: String) -> Bool {
        serverOwned.contains { HTTPHeaders.equalNames($0, name) }
    }

    /// Gzips when the client accepts it, the body is big enough and compressible, and the handler did not
    /// encode it already. A refused identity coding forces gzip regardless of size and type.
    private func compressIfWanted(_ response: inout HTTPResponse, for request: HTTPRequest) {
        guard !response.body.isEmpty, !response.headers.contains("Content-Encoding") else { return }
        let isCompressible = MediaType.isCompressible(response.headers["Content-Type"])
        let accept = AcceptEncoding(headerValues: request.headers.values("Accept-Encoding"))
        if isCompressible {
            addVary(&response.headers)
        }
        let isWorthIt = isCompressible && response.body.count >= configuration.compressionMinimumBytes
        guard accept.allowsGzip, isWorthIt || accept.refusesIdentity else { return }
        do {
            response.body = try Gzip.compress(response.body, level: configuration.compressionLevel)
        } catch {
            logger.error("response compression failed", metadata: [
                "http.request_id": "\(request.requestID)", "error": "\(error)",
            ])
            return
        }
        response.headers.set("Content-Encoding", "gzip")
        addVary(&response.headers)
        // The gzip bytes differ from the identity bytes, so a strong validator would be wrong for them.
        if let etag = response.headers["ETag"] {
            response.headers.set("ETag", EntityTag.weakened(etag))
        }
    }

    private func addVary(_ headers: inout HTTPHeaders) {
        let existing = headers.values("Vary").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces().lowercased() }
        guard !existing.contains("accept-encoding"), !existing.contains("*") else { return }
        headers.add("Vary", "Accept-Encoding")
    }
}
