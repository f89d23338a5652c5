import Foundation
import Sockets

/// A byte-exact HTTP/1.1 client for tests over a real socket: sends what the test says, parses one response
/// at a time by hand (no gzip undone), and keeps the connection open between requests.
public final class RawHTTPClient {
    /// One response as it came off the wire.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public func headerValues(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }

        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object, when it is one.
        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    /// The server sent something that is not an HTTP response, or closed too early.
    public struct ProtocolError: Error, CustomStringConvertible {
        public var description: String
    }

    public let socket: Socket
    private var buffer: [UInt8] = []

    /// Connects to `host:port`, from the local address `localHost` when given (127.0.0.2: another client).
    public init(host: String = "127.0.0.1", port: Int, from localHost: String? = nil) async throws {
        socket = try await Socket.connect(host: host, port: port, from: localHost, deadline: .now + .seconds(5))
    }

    deinit {
        socket.close()
    }

    public func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) async throws {
        try await socket.write(bytes, deadline: .now + .seconds(5))
    }

    /// Sends one request with a Content-Length body (when given) and reads its response; `Host: 127.0.0.1`
    /// unless `headers` name another.
    public func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> Response {
        let namesHost = headers.contains { $0.0.lowercased() == "host" }
        var head = "\(method) \(path) HTTP/1.1\r\n" + (namesHost ? "" : "Host: 127.0.0.1\r\n")
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if let body {
            head += "Content-Length: \(body.count)\r\n"
        }
        try await send(Array((head + "\r\n").utf8) + (body ?? []))
        return try await readResponse(isHead: method == "HEAD")
    }

    /// Reads whatever arrives within `timeout` (at least one read), returning how many bytes came.
    public func readSome(timeout: Duration = .seconds(2)) async throws -> Int {
        try await socket.read(appendingTo: &buffer, maxBytes: 65_536, deadline: .now + timeout)
    }

    /// Reads one response; `isHead` means no body follows whatever Content-Length says. Throws when it has not
    /// arrived `within` (from the call).
    public func readResponse(isHead: Bool = false, within timeout: Duration = .seconds(20)) async throws -> Response {
        let deadline = ContinuousClock.now + timeout
        let headEnd = try await fill(deadline: deadline) { buffer in Self.find([13, 10, 13, 10], in: buffer) }
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ProtocolError(description: "bad status line: \(headText)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
        }
        var response = Response(status: status, headers: headers, body: [])
        if !isHead, status != 304, status != 204, let length = response.header("Content-Length").flatMap(Int.init) {
            _ = try await fill(deadline: deadline) { $0.count >= length ? length : nil }
            response.body = Array(buffer.prefix(length))
            buffer.removeFirst(length)
        }
        return response
    }

    /// Whether the server closes the connection (EOF) within `timeout`, with nothing else sent.
    public func isClosedByServer(within timeout: Duration = .seconds(3)) async -> Bool {
        do {
            return try await socket.read(appendingTo: &buffer, maxBytes: 4096, deadline: .now + timeout) == 0
        } catch {
            return false
        }
    }

    private func fill(deadline: ContinuousClock.Instant, until found: ([UInt8]) -> Int?) async throws -> Int {
        while true {
            if let result = found(buffer) {
                return result
            }
            let count = try await socket.read(appendingTo: &buffer, maxBytes: 65_536, deadline: deadline)
            guard count > 0 else { throw ProtocolError(description: "connection closed; buffered \(buffer.count) bytes") }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
