/// What a request's `Accept-Encoding` allows (RFC 9110 §12.5.3), reduced to the two questions the server asks.
struct AcceptEncoding: Equatable {
    /// Whether a gzip-coded response is acceptable (q > 0 for `gzip`/`x-gzip`, else for `*`).
    var allowsGzip: Bool
    /// Whether the client refused the unencoded form (`identity;q=0`, or `*;q=0` without an identity entry).
    var refusesIdentity: Bool

    /// Without the header, no coding is assumed acceptable (RFC 9110 allows any, but old clients break).
    init(headerValues: [String]) {
        var gzip: Double?
        var identity: Double?
        var star: Double?
        for element in headerValues.flatMap({ $0.split(separator: ",") }) {
            let parameters = element.split(separator: ";")
            guard let first = parameters.first else { continue }
            let coding = first.trimmingSpaces().lowercased()
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces().lowercased() == "q" {
                    quality = Double(pair[1].trimmingSpaces()).map { min(max($0, 0), 1) } ?? 0
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
}
