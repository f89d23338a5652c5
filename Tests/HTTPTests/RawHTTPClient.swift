import Foundation
import Sockets

/// A byte-exact HTTP/1.1 client for tests: sends raw text, parses responses by hand (no gzip undone).
final class RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    let socket: Socket
    private var buffer: [UInt8] = []

    init(host: String = "127.0.0.1", port: Int) async throws {
        socket = try await Socket.connect(host: host, port: port, deadline: .now + .seconds(5))
    }

    deinit {
        socket.close()
    }

    func send(_ text: String) async throws {
        try await socket.write(Array(text.utf8), deadline: .now + .seconds(5))
    }

    /// Reads whatever arrives within `timeout` (at least one read), returning how many bytes came.
    func readSome(timeout: Duration = .seconds(2)) async throws -> Int {
        try await socket.read(appendingTo: &buffer, maxBytes: 65_536, deadline: .now + timeout)
    }

    /// Reads one response; `isHead` means no body follows whatever Content-Length says.
    func readResponse(isHead: Bool = false) async throws -> Response {
        let headEnd = try await fill { buffer in Self.find([13, 10, 13, 10], in: buffer) }
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
            _ = try await fill { $0.count >= length ? length : nil }
            response.body = Array(buffer.prefix(length))
            buffer.removeFirst(length)
        }
        return response
    }

    /// Whether the server closes the connection (EOF) within `timeout`, with nothing else sent.
    func isClosedByServer(within timeout: Duration = .seconds(3)) async -> Bool {
        do {
            let count = try await socket.read(appendingTo: &buffer, maxBytes: 4096, deadline: .now + timeout)
            return count == 0
        } catch {
            return false
        }
    }

    private func fill(until found: ([UInt8]) -> Int?) async throws -> Int {
        while true {
            if let result = found(buffer) {
                return result
            }
            let count = try await socket.read(appendingTo: &buffer, maxBytes: 65_536, deadline: .now + .seconds(5))
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
