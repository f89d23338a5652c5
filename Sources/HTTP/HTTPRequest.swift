import PercentEncoding

/// A complete request as handlers see it: head, decoded path and query, and the whole body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (`/a%20b?x=1`).
    public var target: String
    /// The percent-decoded path without the query (`/a b`).
    public var path: String
    public var query: HTTPQuery
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The request id echoed in `X-Request-Id` and in every log line about this request.
    public var requestID: String
    /// The peer's numeric address without the port (`203.0.113.9`, `::1`); `nil` when unknown.
    public var remoteAddress: String?

    /// A request for `target`; path and query are derived from it (an undecodable path is kept raw).
    /// Handy for calling handlers directly in tests.
    public init(
        method: HTTPMethod = .get,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        requestID: String = "-",
        remoteAddress: String? = nil
    ) {
        let parts = RequestTarget.split(target)
        self.init(
            method: method, target: target,
            path: PercentDecoding.decode(parts.path) ?? String(parts.path),
            query: HTTPQuery(parsing: parts.query),
            version: version, headers: headers, body: body, requestID: requestID, remoteAddress: remoteAddress)
    }

    init(
        method: HTTPMethod, target: String, path: String, query: HTTPQuery, version: HTTPVersion,
        headers: HTTPHeaders, body: [UInt8], requestID: String, remoteAddress: String?
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// The host part of a `host:port` or `[v6]:port` peer string.
    static func host(ofPeer peer: String) -> String? {
        if peer.hasPrefix("["), let end = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<end])
        }
        guard let colon = peer.lastIndex(of: ":") else { return peer.isEmpty || peer == "?" ? nil : peer }
        return String(peer[..<colon])
    }

    /// The body as UTF-8 text, or nil when it is not valid UTF-8.
    public var bodyText: String? { String(validating: body, as: UTF8.self) }

    /// Whether `If-None-Match` matches `etag` under the weak comparison of RFC 9110 §13.1.2 (or is `*`).
    public func ifNoneMatchMatches(_ etag: String) -> Bool {
        EntityTag.ifNoneMatch(headers.values("If-None-Match"), matches: etag)
    }
}
