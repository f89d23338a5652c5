/// A request handler: returns a response or throws (see `HTTPResponseError`).
public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse
