/// Content types: which ones compress well, and the type for a file extension.
enum MediaType {
    /// Text-like types that gzip shrinks; images, fonts and archives are already compressed.
    /// Compares bytes in place (no lowercasing or splitting): it runs for every response.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        // The types handlers actually send, compared whole (a memcmp) before any parsing.
        if commonCompressible.contains(where: { $0 == contentType }) {
            return true
        }
        var utf8 = Substring(contentType).utf8
        if let semicolon = utf8.firstIndex(of: UInt8(ascii: ";")) {
            utf8 = utf8[..<semicolon]
        }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        if hasPrefix(utf8, "text/") || hasSuffix(utf8, "+json") || hasSuffix(utf8, "+xml") {
            return true
        }
        return compressibleTypes.contains { equalIgnoringCase(utf8, $0) }
    }

    private static let commonCompressible = [
        "application/json", "text/html; charset=utf-8", "text/plain; charset=utf-8", "text/css; charset=utf-8",
        "text/javascript; charset=utf-8", "image/svg+xml",
    ]

    private static let compressibleTypes: [String] = [
        "application/json", "application/javascript", "application/xml", "application/x-ndjson",
        "application/manifest+json", "image/svg+xml", "application/wasm",
    ]

    /// ASCII case-insensitive equality with a lowercase `pattern`.
    private static func equalIgnoringCase(_ text: Substring.UTF8View, _ pattern: String) -> Bool {
        text.count == pattern.utf8.count && zip(text, pattern.utf8).allSatisfy { lowered($0) == $1 }
    }

    private static func hasPrefix(_ text: Substring.UTF8View, _ pattern: String) -> Bool {
        text.count >= pattern.utf8.count && equalIgnoringCase(text.prefix(pattern.utf8.count), pattern)
    }

    private static func hasSuffix(_ text: Substring.UTF8View, _ pattern: String) -> Bool {
        text.count >= pattern.utf8.count && equalIgnoringCase(text.suffix(pattern.utf8.count), pattern)
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

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
