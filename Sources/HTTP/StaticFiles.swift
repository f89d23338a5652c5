import Foundation

/// Serves files under `root` for paths under `urlPrefix`, with content types, ETag/Last-Modified → 304 and
/// Cache-Control. Refuses `..`, encoded dots, hidden files, NUL bytes and symlinks that leave the root.
public struct StaticFiles: Sendable {
    /// Why a static file could not be served.
    public struct Failure: HTTPResponseError, Sendable {
        public var status: HTTPStatus
        public var publicMessage: String { status.reasonPhrase }
    }

    private let root: URL
    private let rootPath: String
    private let urlPrefix: String
    private let cacheControl: String
    /// Files larger than this are refused (they are read whole into memory). 32 MiB.
    private let maxFileBytes = 32 << 20

    /// Fails when `root` is not an existing directory.
    public init(root: URL, urlPrefix: String, cacheControl: String = "public, max-age=3600") throws {
        let resolved = root.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        self.root = resolved
        rootPath = resolved.path.hasSuffix("/") ? resolved.path : resolved.path + "/"
        self.urlPrefix = urlPrefix
        self.cacheControl = cacheControl
    }

    public func respond(to request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: ["Allow": "GET, HEAD"])
        }
        guard request.path.hasPrefix(urlPrefix) else { throw Failure(status: .notFound) }
        let relative = request.path.dropFirst(urlPrefix.count)
        guard !relative.utf8.contains(0) else { throw Failure(status: .badRequest) }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy(Self.isSafeSegment) else { throw Failure(status: .notFound) }
        let file = root.appendingPathComponent(segments.joined(separator: "/")).resolvingSymlinksInPath()
        guard file.path.hasPrefix(rootPath) else { throw Failure(status: .notFound) }
        let loaded = try await Self.load(file.path, maxBytes: maxFileBytes)
        let etag = "\"\(String(loaded.size, radix: 16))-\(String(loaded.modifiedNanoseconds, radix: 16))\""
        let lastModified = HTTPDate.format(secondsSince1970: Int(loaded.modifiedNanoseconds / 1_000_000_000))
        var headers: HTTPHeaders = [
            "Content-Type": MediaType.forFileExtension(file.pathExtension),
            "ETag": etag, "Last-Modified": lastModified, "Cache-Control": cacheControl,
            "X-Content-Type-Options": "nosniff",
        ]
        if isNotModified(request, etag: etag, modifiedSeconds: Int(loaded.modifiedNanoseconds / 1_000_000_000)) {
            headers.remove("Content-Type")
            return HTTPResponse(status: .notModified, headers: headers)
        }
        return HTTPResponse(status: .ok, headers: headers, body: loaded.bytes)
    }

    /// If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    private func isNotModified(_ request: HTTPRequest, etag: String, modifiedSeconds: Int) -> Bool {
        if request.headers.contains("If-None-Match") {
            return request.ifNoneMatchMatches(etag)
        }
        if let since = request.headers["If-Modified-Since"].flatMap(HTTPDate.parse) {
            return modifiedSeconds <= since
        }
        return false
    }

    /// No empty, dot-led (`.`, `..`, hidden) or backslash segments.
    private static func isSafeSegment(_ segment: Substring) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".") && !segment.contains("\\")
    }

    private struct Loaded: Sendable {
        var bytes: [UInt8]
        var size: Int
        var modifiedNanoseconds: Int
    }

    /// Reads a regular file off the cooperative pool (file I/O blocks). Missing or non-regular → 404.
    private static func load(_ path: String, maxBytes: Int) async throws -> Loaded {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { () throws(Failure) -> Loaded in try read(path, maxBytes: maxBytes) })
            }
        }
    }

    private static func read(_ path: String, maxBytes: Int) throws(Failure) -> Loaded {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date
        else { throw Failure(status: .notFound) }
        guard size <= maxBytes else { throw Failure(status: .notFound) }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(status: .notFound) }
        return Loaded(bytes: Array(data), size: data.count, modifiedNanoseconds: Int(modified.timeIntervalSince1970 * 1e9))
    }
}
