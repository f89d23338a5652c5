import Gzip
import Logging

/// Turns a handler's response into the bytes sent: conditional 304, gzip negotiation, framing headers, HEAD.
/// One per server; it serializes straight into the output buffer, with the constant lines prepared once.
struct ResponseFinalizer: Sendable {
    let configuration: HTTPServer.Configuration
    let logger: Logger
    /// `Server: <name>` and its CRLF.
    private let serverLine: [UInt8]

    init(configuration: HTTPServer.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        serverLine = Array("Server: \(configuration.serverName)\r\n".utf8)
    }

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
        let sendsBody = request.method != .head && !response.status.forbidsBody
        var bytes: [UInt8] = []
        bytes.reserveCapacity(192 + response.headers.count * 48 + (sendsBody ? response.body.count : 0))
        HTTPResponseSerializer.appendStatusLine(response.status, to: &bytes)
        for (name, value) in response.headers where !Self.isServerOwned(name) {
            if HTTPResponseSerializer.isValidField(name: name, value: value) {
                HTTPResponseSerializer.appendField(name, value, to: &bytes)
            } else {
                logger.warning("dropped invalid response header", metadata: [
                    "http.request_id": "\(request.requestID)", "http.header": "\(name)",
                ])
            }
        }
        bytes.append(contentsOf: HTTPDate.headerLine())
        bytes.append(contentsOf: serverLine)
        if !response.status.forbidsBody {
            HTTPResponseSerializer.appendField("Content-Length", decimal: response.body.count, to: &bytes)
        }
        if !keepAlive {
            bytes.append(contentsOf: Self.connectionClose)
        } else if request.version == .http1_0 {
            bytes.append(contentsOf: Self.connectionKeepAlive)
        }
        HTTPResponseSerializer.appendField("X-Request-Id", request.requestID, to: &bytes)
        bytes.append(contentsOf: HTTPResponseSerializer.crlf)
        if sendsBody {
            bytes.append(contentsOf: response.body)
        }
        return Output(bytes: bytes, status: response.status, bodyBytes: sendsBody ? response.body.count : 0)
    }

    private static let connectionClose = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive = Array("Connection: keep-alive\r\n".utf8)

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
        if isCompressible {
            addVary(&response.headers)
        }
        // Most requests (API clients, load generators) send no Accept-Encoding: nothing to negotiate.
        guard request.headers.contains("Accept-Encoding") else { return }
        let accept = AcceptEncoding(headerValues: request.headers.values("Accept-Encoding"))
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
        guard headers.contains("Vary") else {
            headers.add("Vary", "Accept-Encoding")
            return
        }
        let existing = headers.values("Vary").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces().lowercased() }
        guard !existing.contains("accept-encoding"), !existing.contains("*") else { return }
        headers.add("Vary", "Accept-Encoding")
    }
}
