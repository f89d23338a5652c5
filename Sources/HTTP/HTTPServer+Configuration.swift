extension HTTPServer {
    /// Where to listen and every limit the server enforces. Each default is documented on its property.
    public struct Configuration: Sendable {
        /// Address to bind: "127.0.0.1" (default: the dashboard is private), "0.0.0.0", "::1", "::".
        public var host = "127.0.0.1"
        /// Port to bind; 0 lets the kernel choose (see `HTTPServer.localPort`). Default 3838.
        public var port = 3838
        /// listen(2) backlog. Default 511.
        public var backlog: Int32 = 511
        /// Open connections beyond this get a fast 503 and are closed. Default 4096.
        public var maxConnections = 4096
        /// Open connections from one peer address beyond this get a fast 429 and are closed, so one address
        /// cannot hold every slot (idle sockets that never send a byte). Default 1024.
        public var maxConnectionsPerAddress = 1024
        /// Peers not held to `maxConnectionsPerAddress` (a load balancer that carries everyone's connections).
        /// Default none.
        public var uncappedAddresses: Set<String> = []
        /// The hosts the server answers for (DNS-rebinding defence); a request naming another gets 421.
        /// Default nil: any host.
        public var allowedHosts: HostAllowList?
        /// Longest request line (method, target, version); longer → 414. Default 8 KiB.
        public var maxRequestLineBytes = 8 * 1024
        /// Largest header block after the request line; larger → 431. Default 32 KiB.
        public var maxHeaderBytes = 32 * 1024
        /// Most header fields in one request; more → 431. Default 100.
        public var maxHeaderCount = 100
        /// Largest request body (after chunked decoding); larger → 413. Default 1 MiB.
        public var maxBodyBytes = 1 << 20
        /// Requests served on one connection before it is closed (bounds a connection's lifetime). Default 10 000.
        public var maxRequestsPerConnection = 10_000
        /// How long a keep-alive connection may wait for its next request, after the first. Default 30 s.
        public var idleTimeout: Duration = .seconds(30)
        /// Time from a request's first byte to its complete head; slower clients get 408 (slowloris). A new
        /// connection's first request has it from accept: one that sends nothing is closed then. Default 10 s.
        public var headerTimeout: Duration = .seconds(10)
        /// Time to receive a request body once the head has arrived; slower → 408. Default 30 s.
        public var bodyTimeout: Duration = .seconds(30)
        /// Time a handler may take; past it the client gets 503 with `Connection: close` and the handler's task
        /// is cancelled and abandoned. Checked every 100 ms. Default 30 s.
        public var requestTimeout: Duration = .seconds(30)
        /// Time to write one response to a slow reader before the connection is dropped. Default 30 s.
        public var writeTimeout: Duration = .seconds(30)
        /// After `run()` is cancelled: how long in-flight requests may take before they are cancelled. Default 10 s.
        public var shutdownGracePeriod: Duration = .seconds(10)
        /// Smallest body the server gzips (unless the client refuses identity). Default 1024 bytes.
        public var compressionMinimumBytes = 1024
        /// zlib level for response compression, 0…9. Default 6.
        public var compressionLevel: Int32 = 6
        /// The `Server` header value. Default "clickstream".
        public var serverName = "clickstream"
        /// Bytes read from a socket per call. Default 16 KiB.
        public var readChunkBytes = 16 * 1024
        /// The body and extra headers of the answer to a request that could not be read (too large, malformed,
        /// too slow), given its status and a short message; the status stays, and the connection closes.
        /// Default nil: the message as plain text. An API whose clients parse JSON errors sets its own.
        public var rejectionResponse: (@Sendable (_ status: HTTPStatus, _ message: String) -> HTTPResponse)?
        /// The answer to a request the server read but refuses itself or whose handler threw an
        /// `HTTPResponseError` (404, 405, 421, …), given the error and the request; the error's status and
        /// headers are applied to it. Default nil: the error's public message as plain text.
        public var errorResponse: (@Sendable (_ error: any HTTPResponseError, _ request: HTTPRequest) -> HTTPResponse)?

        public init() {}

        var parserLimits: HTTPRequestParser.Limits {
            HTTPRequestParser.Limits(
                maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
                maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
        }
    }
}
