/// Maps method + path to handlers: exact paths first, then the longest matching prefix mount.
/// Unknown path → 404; known path with another method → 405 with `Allow`.
public struct HTTPRouter: Sendable {
    private var routes: [String: [HTTPMethod: HTTPHandler]] = [:]
    private var mounts: [(prefix: String, handler: HTTPHandler)] = []

    public init() {}

    /// Registers `handler` for GET on exactly `path`; it also answers HEAD (the server drops the body).
    public mutating func get(_ path: String, _ handler: @escaping HTTPHandler) {
        add(.get, path, handler)
    }

    public mutating func post(_ path: String, _ handler: @escaping HTTPHandler) {
        add(.post, path, handler)
    }

    /// Registers `handler` for `method` on exactly `path`, replacing an earlier registration.
    public mutating func add(_ method: HTTPMethod, _ path: String, _ handler: @escaping HTTPHandler) {
        routes[path, default: [:]][method] = handler
    }

    /// Sends every request whose path starts with `prefix` (any method) to `handler`, unless an exact route matches.
    public mutating func mount(_ prefix: String, _ handler: @escaping HTTPHandler) {
        mounts.append((prefix, handler))
        mounts.sort { $0.prefix.utf8.count > $1.prefix.utf8.count }
    }

    /// The handler's response for `request`, or the router's own 404/405 (thrown as `HTTPError`).
    public func respond(to request: HTTPRequest) async throws -> HTTPResponse {
        try await handler(for: request)(request)
    }

    /// The handler that serves `request`; throws `HTTPError` 404 or 405 (with `Allow`).
    public func handler(for request: HTTPRequest) throws(HTTPError) -> HTTPHandler {
        if let byMethod = routes[request.path] {
            if let handler = byMethod[request.method] {
                return handler
            }
            if request.method == .head, let handler = byMethod[.get] {
                return handler
            }
            throw HTTPError(.methodNotAllowed, headers: ["Allow": Self.allowHeader(for: byMethod)])
        }
        if let mount = mounts.first(where: { request.path.hasPrefix($0.prefix) }) {
            return mount.handler
        }
        throw HTTPError(.notFound)
    }

    private static func allowHeader(for byMethod: [HTTPMethod: HTTPHandler]) -> String {
        var methods = Set(byMethod.keys.map(\.rawValue))
        if methods.contains("GET") {
            methods.insert("HEAD")
        }
        return methods.sorted().joined(separator: ", ")
    }
}
