/// Content types: which ones compress well, and the type for a file extension.
enum MediaType {
    /// Text-like types that gzip shrinks; images, fonts and archives are already compressed.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
        if type.hasPrefix("text/") || type.hasSuffix("+json") || type.hasSuffix("+xml") {
            return true
        }
        return compressibleTypes.contains(type)
    }

    private static let compressibleTypes: Set<String> = [
        "application/json", "application/javascript", "application/xml", "application/x-ndjson",
        "application/manifest+json", "image/svg+xml", "application/wasm",
    ]

    /// The content type for a file name's extension (`application/octet-stream` when unknown).
    static func forFileExtension(_ fileExtension: String) -> String {
        byExtension[fileExtension.lowercased()] ?? "application/octet-stream"
    }

    private static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json", "map": "application/json",
        "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8", "xml": "application/xml",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "wasm": "application/wasm", "webmanifest": "application/manifest+json",
    ]
}
