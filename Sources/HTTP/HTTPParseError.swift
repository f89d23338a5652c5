/// Why a request could not be parsed; `status` is what the server answers (always with `Connection: close`).
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedRequestLine
    case invalidMethod
    case invalidTarget
    case fragmentInTarget
    case invalidPath
    case unsupportedVersion
    case requestLineTooLong
    case headerBlockTooLarge
    case tooManyHeaders
    case malformedHeader
    case bareLineEnding
    case invalidHeaderName
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case invalidHeaderValue
    case missingHost
    case duplicateHost
    case unsupportedExpectation
    case invalidContentLength
    case duplicateContentLength
    case contentLengthWithTransferEncoding
    case invalidTransferEncoding
    case unsupportedTransferEncoding
    case invalidChunk
    case bodyTooLarge

    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerBlockTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .payloadTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        default: .badRequest
        }
    }

    public var description: String {
        switch self {
        case .malformedRequestLine: "malformed request line"
        case .invalidMethod: "invalid method"
        case .invalidTarget: "invalid request target"
        case .fragmentInTarget: "request target with a #fragment (clients keep fragments to themselves)"
        case .invalidPath: "invalid path encoding"
        case .unsupportedVersion: "unsupported HTTP version"
        case .requestLineTooLong: "request line too long"
        case .headerBlockTooLarge: "header block too large"
        case .tooManyHeaders: "too many header fields"
        case .malformedHeader: "malformed header line"
        case .bareLineEnding: "bare CR or LF in the request head: lines end with CRLF"
        case .invalidHeaderName: "invalid header name"
        case .whitespaceBeforeColon: "whitespace between header name and colon"
        case .obsoleteLineFolding: "obsolete line folding"
        case .invalidHeaderValue: "invalid character in header value"
        case .missingHost: "missing Host header"
        case .duplicateHost: "more than one Host header"
        case .unsupportedExpectation: "unsupported Expect value: only 100-continue is understood"
        case .invalidContentLength: "invalid Content-Length"
        case .duplicateContentLength: "more than one Content-Length"
        case .contentLengthWithTransferEncoding: "Content-Length together with Transfer-Encoding"
        case .invalidTransferEncoding: "invalid Transfer-Encoding"
        case .unsupportedTransferEncoding: "unsupported transfer coding"
        case .invalidChunk: "malformed chunked body"
        case .bodyTooLarge: "request body too large"
        }
    }
}
