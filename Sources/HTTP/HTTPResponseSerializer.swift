/// Writes a response head and body as HTTP/1.1 bytes, straight into one buffer (no intermediate Strings):
/// this runs once per response, so it shows in the profile.
enum HTTPResponseSerializer {
    /// `headers` must already be validated (see `ResponseFinalizer`); `body` is sent as is.
    static func serialize(status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + headers.count * 40 + body.count)
        appendStatusLine(status, to: &bytes)
        for (name, value) in headers {
            appendField(name, value, to: &bytes)
        }
        bytes.append(contentsOf: crlf)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// `HTTP/1.1 200 OK` and its CRLF.
    static func appendStatusLine(_ status: HTTPStatus, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: status.reasonPhrase.utf8)
        bytes.append(contentsOf: crlf)
    }

    /// `name: value` and its CRLF; the caller has validated both.
    static func appendField(_ name: String, _ value: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: separator)
        bytes.append(contentsOf: value.utf8)
        bytes.append(contentsOf: crlf)
    }

    /// `name: <decimal>` and its CRLF, without formatting the number into a String first.
    static func appendField(_ name: StaticString, decimal value: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: separator)
        appendDecimal(value, to: &bytes)
        bytes.append(contentsOf: crlf)
    }

    static let crlf: [UInt8] = [13, 10]
    private static let separator: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: " ")]

    /// The decimal digits of a non-negative `value` (negative values never occur: codes and lengths).
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value > 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var divisor = 1
        while divisor <= value / 10 {
            divisor *= 10
        }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Whether a handler-supplied field may be sent: a token name and a value without CR, LF or NUL
    /// (anything else would let a value inject headers).
    static func isValidField(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPCharacters.isTokenByte)
            && value.utf8.allSatisfy(HTTPCharacters.isFieldValueByte)
    }

    /// A complete, self-contained error response that closes the connection.
    /// `custom` supplies the body and extra headers (valid fields only; framing stays ours); nil: `message` as text.
    static func errorResponse(_ status: HTTPStatus, message: String, serverName: String, requestID: String?,
                              custom: HTTPResponse? = nil) -> [UInt8] {
        let body = custom?.body ?? Array((message + "\n").utf8)
        var headers: HTTPHeaders = [
            "Date": HTTPDate.now(),
            "Server": serverName,
            "Content-Type": custom?.headers["Content-Type"].flatMap { isValidField(name: "Content-Type", value: $0) ? $0 : nil }
                ?? "text/plain; charset=utf-8",
            "Content-Length": String(body.count),
            "Connection": "close",
        ]
        for (name, value) in custom?.headers ?? [:] where !Self.framingFields.contains(name.lowercased())
            && isValidField(name: name, value: value) {
            headers.add(name, value)
        }
        if let requestID {
            headers.add("X-Request-Id", requestID)
        }
        return serialize(status: status, headers: headers, body: body)
    }

    /// Fields of an error response that the server sets itself.
    private static let framingFields: Set<String> = ["date", "server", "content-type", "content-length", "connection",
                                                     "transfer-encoding", "x-request-id"]
}
