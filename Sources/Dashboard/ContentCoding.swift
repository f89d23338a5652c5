import Foundation
import HTTP

/// The dashboard compresses its own bodies (to keep them compressed in the response cache), so it
/// reads `Accept-Encoding` the way the server's finalizer does (RFC 9110 §12.5.3): gzip when `gzip`,
/// `x-gzip` or `*` has q > 0; a refused identity (`identity;q=0`, or `*;q=0` without an identity entry)
/// forces it. The server leaves a body that already has `Content-Encoding` alone.
struct ContentCoding: Sendable, Equatable {
    var allowsGzip: Bool
    var refusesIdentity: Bool

    /// Bodies smaller than this are sent as they are (the server's default `compressionMinimumBytes`).
    static let minimumBytes = 1024
    /// zlib level, as the server's default.
    static let level: Int32 = 6

    init(_ request: HTTPRequest) {
        var gzip: Double?
        var identity: Double?
        var star: Double?
        for element in request.headers.values("Accept-Encoding").flatMap({ $0.split(separator: ",") }) {
            let parameters = element.split(separator: ";")
            guard let first = parameters.first else { continue }
            let coding = first.trimmingCharacters(in: .whitespaces).lowercased()
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" {
                    quality = Double(pair[1].trimmingCharacters(in: .whitespaces)).map { min(max($0, 0), 1) } ?? 0
                }
            }
            switch coding {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, quality)
            case "identity": identity = quality
            case "*": star = quality
            default: break
            }
        }
        allowsGzip = (gzip ?? star ?? 0) > 0
        refusesIdentity = identity.map { $0 == 0 } ?? (star == 0)
    }

    /// The coding to send a body of `size` bytes in: `gzip` or nil (identity).
    func encoding(forSize size: Int) -> String? {
        allowsGzip && (size >= Self.minimumBytes || refusesIdentity) ? "gzip" : nil
    }
}

extension ContentCoding {
    /// Requests with the same variant get the same bytes: the response cache keys on it.
    var variant: String {
        guard allowsGzip else { return "identity" }
        return refusesIdentity ? "gzip-only" : "gzip"
    }
}
