/// Writes a response head and body as HTTP/1.1 bytes.
enum HTTPResponseSerializer {
    /// `headers` must already be validated (see `ResponseFinalizer`); `body` is sent as is.
    static func serialize(status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + body.count)
        bytes.append(contentsOf: head.utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Whether a handler-supplied field may be sent: a token name and a value without CR, LF or NUL
    /// (anything else would let a value inject headers).
    static func isValidField(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPCharacters.isTokenByte)
            && value.utf8.allSatisfy(HTTPCharacters.isFieldValueByte)
    }

    /// A complete, self-contained error response that closes the connection.
    static func errorResponse(_ status: HTTPStatus, message: String, serverName: String, requestID: String?) -> [UInt8] {
        let body = Array((message + "\n").utf8)
        var headers: HTTPHeaders = [
            "Date": HTTPDate.now(),
            "Server": serverName,
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": String(body.count),
            "Connection": "close",
        ]
        if let requestID {
            headers.add("X-Request-Id", requestID)
        }
        return serialize(status: status, headers: headers, body: body)
    }
}
