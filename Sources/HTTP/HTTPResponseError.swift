/// Errors that know their status: the server answers with status + publicMessage; any other error → plain 500 (detail logged with request id).
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    /// Text safe to show the client; it must not contain secrets or internal detail.
    var publicMessage: String { get }
    /// Extra headers for the error response (for example `Allow` or `Retry-After`).
    var headers: HTTPHeaders { get }
}

extension HTTPResponseError {
    public var headers: HTTPHeaders { [:] }
}
