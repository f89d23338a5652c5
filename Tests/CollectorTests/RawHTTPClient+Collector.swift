import WireTestSupport

extension RawHTTPClient {
    /// `POST /clickstream` with `body` as the given content type.
    func post(_ body: String, contentType: String? = "application/json", headers: [(String, String)] = [],
              path: String = "/clickstream") async throws -> Response {
        var fields = headers
        if let contentType {
            fields.append(("Content-Type", contentType))
        }
        return try await request("POST", path, headers: fields, body: Array(body.utf8))
    }
}
