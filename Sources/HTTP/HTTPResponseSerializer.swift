/// Writes a response head and body as HTTP/1.1 bytes.
enum HTTPResponseSerializer {
    /// `headers` must already be validated (see `ResponseFinalizer`); `body` is sent as is. Writes bytes
    /// directly (no intermediate String): this runs once per response.
    static func serialize(status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + headers.count * 40 + body.count)
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: status.reasonPhrase.utf8)
        bytes.append(contentsOf: crlf)
        for (name, value) in headers {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: separator)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: crlf)
        }
        bytes.append(contentsOf: crlf)
        bytes.append(contentsOf: body)
        return bytes
    }

    private static let crlf: [UInt8] = [13, 10]
    private static let separator: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: " ")]

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 10 || value < 0 else {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        bytes.append(contentsOf: String(value).utf8)
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
