import Foundation
import HTTP
import JSON
import Lake
import Logging

/// `POST /clickstream`: the ingest endpoint the shop's frontend calls, as the original API Gateway +
/// Lambda did: validate, add `_ingest`, store durably in the lake, answer `{"success":true}`.
public struct CollectorApp: Sendable {
    /// Limits, CORS and batching; every default is documented in the README.
    public struct Configuration: Sendable {
        /// The path the tracker posts to. Default `/clickstream`.
        public var path = "/clickstream"
        /// Origins allowed by CORS; `["*"]` (the original's default) allows any.
        public var allowedOrigins: [String] = ["*"]
        /// Peers whose `X-Forwarded-For` is believed (load balancers). Default none.
        public var trustedProxies: Set<String> = []
        /// Events in one request. Default 500.
        public var maxEventsPerRequest = 500
        /// Bytes of one stamped event. Default 64 KiB.
        public var maxEventBytes = 64 * 1024
        /// Open connections per peer address (trusted proxies excepted): idle sockets from one address cannot
        /// take every slot of the server. Default 256.
        public var maxConnectionsPerAddress = 256
        /// Requests per second per client address; `nil` (default) turns the limit off.
        public var rateLimitPerSecond: Double?
        /// Burst allowed above the rate. Default 20.
        public var rateLimitBurst: Double = 20
        /// Key prefix in the lake. Default `events/`.
        public var prefix = "events/"
        /// Flush a batch at the latest this long after its first event. Default 200 ms.
        public var maxBatchDelay: Duration = .milliseconds(200)
        /// Flush when a batch reaches this many uncompressed bytes. Default 4 MiB.
        public var maxBatchBytes = 4 << 20
        /// Accepted but not yet stored bytes, beyond which requests get a fast 503. Default 64 MiB.
        public var maxPendingBytes = 64 << 20
        /// One object per event in the original layout, instead of NDJSON.gz batches.
        public var perEventObjects = false

        public init() {}
    }

    let configuration: Configuration
    private let batcher: EventBatcher
    private let rateLimiter: RateLimiter?
    private let clientAddress: ClientAddress
    private let logger: Logger

    public init(store: any RawStore, configuration: Configuration = .init(), logger: Logger) {
        self.configuration = configuration
        var batching = EventBatcher.Configuration()
        batching.prefix = configuration.prefix
        batching.maxDelay = configuration.maxBatchDelay
        batching.maxBatchBytes = configuration.maxBatchBytes
        batching.maxPendingBytes = configuration.maxPendingBytes
        batching.perEventObjects = configuration.perEventObjects
        self.batcher = EventBatcher(store: store, configuration: batching, logger: logger)
        self.rateLimiter = configuration.rateLimitPerSecond.map {
            RateLimiter(ratePerSecond: $0, burst: configuration.rateLimitBurst)
        }
        self.clientAddress = ClientAddress(trustedProxies: configuration.trustedProxies)
        self.logger = logger
    }

    /// Adds `POST`/`OPTIONS` on the collector path; other methods there get 405, other paths 404.
    public func register(on router: inout HTTPRouter) {
        router.post(configuration.path) { request in await self.collect(request) }
        router.add(.options, configuration.path) { request in self.preflight(request) }
    }

    /// Handles one POST: always a JSON answer, never a thrown error, so CORS headers are always present.
    func collect(_ request: HTTPRequest) async -> HTTPResponse {
        let receivedAt = Date()
        do {
            let client = clientAddress.resolve(peer: request.remoteAddress, forwardedFor: request.headers.values("X-Forwarded-For"))
            if let rateLimiter, !rateLimiter.allow(client ?? "unknown") { throw CollectorError.rateLimited }
            let events = try CollectorPayload.events(from: request.body, contentType: request.headers["Content-Type"],
                                                     maxEvents: configuration.maxEventsPerRequest)
            let ingest = IngestMetadata(receivedAt: receivedAt, sourceIP: client, userAgent: request.headers["User-Agent"],
                                        method: request.method.rawValue, path: request.path, requestID: request.requestID)
            let block = ingest.member()
            var stamped: [[UInt8]] = []
            stamped.reserveCapacity(events.count)
            for (position, event) in events.enumerated() {
                let bytes = IngestMetadata.stamp(event, body: request.body, ingest: block)
                guard bytes.count <= configuration.maxEventBytes else {
                    throw CollectorError.eventTooLarge(position: position, limit: configuration.maxEventBytes)
                }
                stamped.append(bytes)
            }
            try await batcher.submit(stamped, receivedAt: receivedAt)
            return withCORS(Self.answer(success: true, message: nil, status: .ok), request: request)
        } catch let error as CollectorError {
            var response = Self.answer(success: false, message: error.publicMessage, status: error.status)
            for (name, value) in error.headers { response.headers.set(name, value) }
            return withCORS(response, request: request)
        } catch {
            logger.error("collector failed", metadata: ["http.request_id": "\(request.requestID)", "error": "\(error)"])
            return withCORS(Self.answer(success: false, message: "internal error", status: .internalServerError), request: request)
        }
    }

    /// Sets what the server does on the collector's behalf: the per-address connection cap (proxies, which carry
    /// everyone's connections, excepted), and the collector's JSON for requests it could not read
    /// (`rejectionResponse`) or refused itself (404, 405, 421: `errorResponse`).
    public func configure(_ server: inout HTTPServer.Configuration) {
        server.maxConnectionsPerAddress = configuration.maxConnectionsPerAddress
        server.uncappedAddresses = configuration.trustedProxies
        server.rejectionResponse = { [self] status, message in rejectionResponse(status: status, message: message) }
        server.errorResponse = { [self] error, request in
            withCORS(Self.answer(success: false, message: error.publicMessage, status: error.status), request: request)
        }
    }

    /// The answer to a request the server could not read (a body over 1 MiB, a malformed request): the
    /// collector's JSON, readable by a page on any origin when every origin is allowed (the request's Origin
    /// is not known at that point).
    func rejectionResponse(status: HTTPStatus, message: String) -> HTTPResponse {
        var response = Self.answer(success: false, message: message, status: status)
        if configuration.allowedOrigins.contains("*") { response.headers.set("Access-Control-Allow-Origin", "*") }
        return response
    }

    /// CORS preflight: which origins, methods and headers may post events. The headers are the ones the collector
    /// reads from a browser (Content-Type), whatever the page asks for: echoing the request's list would allow
    /// any header.
    func preflight(_ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse(status: .noContent)
        response.headers.set("Access-Control-Allow-Methods", "POST, OPTIONS")
        response.headers.set("Access-Control-Allow-Headers", "Content-Type")
        response.headers.set("Access-Control-Max-Age", "86400")
        return withCORS(response, request: request)
    }

    private func withCORS(_ response: HTTPResponse, request: HTTPRequest) -> HTTPResponse {
        var response = response
        if configuration.allowedOrigins.contains("*") {
            response.headers.set("Access-Control-Allow-Origin", "*")
        } else if let origin = request.headers["Origin"], configuration.allowedOrigins.contains(origin) {
            response.headers.set("Access-Control-Allow-Origin", origin)
            response.headers.add("Vary", "Origin")
        }
        return response
    }

    /// `{"success":true}` like the original, or `{"message":…,"success":false}`.
    static func answer(success: Bool, message: String?, status: HTTPStatus) -> HTTPResponse {
        guard let message else { return .json(success ? successBody : Array(#"{"success":false}"#.utf8), status: status) }
        var body = Array(#"{"message":"#.utf8)
        JSONString.append(message, to: &body)
        body += Array(#","success":\#(success)}"#.utf8)
        return .json(body, status: status)
    }

    private static let successBody = Array(#"{"success":true}"#.utf8)
}
