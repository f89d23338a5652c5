/// A ready-made `HTTPResponseError` for handlers that just need a status and a message.
public struct HTTPError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    public var publicMessage: String
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, _ publicMessage: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.publicMessage = publicMessage ?? status.reasonPhrase
        self.headers = headers
    }

    public var description: String { "\(status): \(publicMessage)" }
}
