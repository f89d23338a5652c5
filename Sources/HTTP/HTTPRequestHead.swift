import PercentEncoding

/// A parsed request line and header block (RFC 9112 §3, §5), validated strictly.
struct HTTPRequestHead: Sendable {
    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: HTTPMethod
    var target: String
    var path: String
    var query: HTTPQuery
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: BodyFraming
    var isKeepAlive: Bool
    var expectsContinue: Bool

    /// Parses `lines` (the head without its final empty line), each without CRLF.
    static func parse(lines: [ArraySlice<UInt8>], limits: HTTPRequestParser.Limits) throws(HTTPParseError) -> HTTPRequestHead {
        guard let requestLine = lines.first else { throw .malformedRequestLine }
        let (method, target, version) = try parseRequestLine(requestLine)
        guard lines.count - 1 <= limits.maxHeaderCount else { throw .tooManyHeaders }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let (name, value) = try parseHeaderLine(line)
            headers.add(name, value)
        }
        let parts = RequestTarget.split(target)
        guard let path = PercentDecoding.decode(parts.path), !path.utf8.contains(0) else { throw .invalidPath }
        if method != .options || target != "*" {
            guard path.hasPrefix("/") else { throw .invalidTarget }
        }
        var hosts = 0
        headers.forEachValue("Host") { _ in hosts += 1 }
        guard hosts <= 1 else { throw .duplicateHost }
        guard hosts == 1 || version != .http1_1 else { throw .missingHost }
        let framing = try bodyFraming(headers, version: version, limits: limits)
        var saysClose = false
        var saysKeepAlive = false
        headers.forEachValue("Connection") { value in
            for option in value.split(separator: ",") {
                switch option.trimmingSpaces().lowercased() {
                case "close": saysClose = true
                case "keep-alive": saysKeepAlive = true
                default: break
                }
            }
        }
        let isKeepAlive = saysClose ? false : (version == .http1_1 || saysKeepAlive)
        // RFC 9110 §10.1.1: 100-continue is the only expectation defined; anything else cannot be met.
        var expectations = 0
        var isUnsupportedExpectation = false
        headers.forEachValue("Expect") { value in
            for member in value.split(separator: ",") {
                expectations += 1
                if member.trimmingSpaces().lowercased() != "100-continue" { isUnsupportedExpectation = true }
            }
        }
        guard !isUnsupportedExpectation else { throw .unsupportedExpectation }
        let expectsContinue = framing != .none && expectations > 0
        return HTTPRequestHead(
            method: method, target: target, path: path, query: HTTPQuery(parsing: parts.query), version: version,
            headers: headers, framing: framing, isKeepAlive: isKeepAlive, expectsContinue: expectsContinue)
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedRequestLine }
        guard !parts[0].isEmpty, parts[0].allSatisfy(HTTPCharacters.isTokenByte) else { throw .invalidMethod }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidTarget }
        // RFC 9112 §3.2: the target is origin-, absolute-, authority- or asterisk-form; none has a fragment.
        guard !parts[1].contains(UInt8(ascii: "#")) else { throw .fragmentInTarget }
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        let target = String(decoding: parts[1], as: UTF8.self)
        let version: HTTPVersion
        switch String(decoding: parts[2], as: UTF8.self) {
        case "HTTP/1.1": version = .http1_1
        case "HTTP/1.0": version = .http1_0
        case let other where other.hasPrefix("HTTP/") && other.utf8.count == 8: throw .unsupportedVersion
        default: throw .malformedRequestLine
        }
        return (method, target, version)
    }

    private static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first else { throw .malformedHeader }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            throw .obsoleteLineFolding
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader }
        let name = line[line.startIndex..<colon]
        if let last = name.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            throw .whitespaceBeforeColon
        }
        guard !name.isEmpty, name.allSatisfy(HTTPCharacters.isTokenByte) else { throw .invalidHeaderName }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value = value.dropFirst() }
        while let byte = value.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value = value.dropLast() }
        guard value.allSatisfy(HTTPCharacters.isFieldValueByte) else { throw .invalidHeaderValue }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Transfer codings registered with IANA; only `chunked` is decoded.
    private static let knownCodings: Set<String> = ["chunked", "gzip", "x-gzip", "deflate", "compress", "x-compress"]

    private static func bodyFraming(
        _ headers: HTTPHeaders, version: HTTPVersion, limits: HTTPRequestParser.Limits
    ) throws(HTTPParseError) -> BodyFraming {
        let lengths = headers.values("Content-Length")
        let codings = headers.values("Transfer-Encoding")
        if !codings.isEmpty {
            // RFC 9112 §6.1: both at once is a smuggling vector; HTTP/1.0 has no chunked coding.
            guard lengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            guard version == .http1_1 else { throw .invalidTransferEncoding }
            let list = codings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingSpaces().lowercased() }
            guard !list.contains("") else { throw .invalidTransferEncoding }
            // A coding we do not know is 501 (RFC 9112 §6.1); chunked not last (or repeated) leaves the length
            // undeterminable: 400. Known codings other than chunked are not decoded here: 501.
            guard list.allSatisfy(knownCodings.contains) else { throw .unsupportedTransferEncoding }
            guard list.last == "chunked", list.firstIndex(of: "chunked") == list.count - 1 else {
                throw .invalidTransferEncoding
            }
            guard list.count == 1 else { throw .unsupportedTransferEncoding }
            return .chunked
        }
        guard let text = lengths.first else { return .none }
        guard lengths.count == 1, !text.contains(",") else { throw .duplicateContentLength }
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let length = Int(text) else { throw .invalidContentLength }
        guard length <= limits.maxBodyBytes else { throw .bodyTooLarge }
        return length == 0 ? .none : .length(length)
    }
}
