import Foundation

/// Splits a request target into path and query.
enum RequestTarget {
    /// `/a/b?x=1#f` → (`/a/b`, `x=1`); an absolute-form target (`http://host/a?x`) yields its path.
    static func split(_ target: String) -> (path: Substring, query: Substring) {
        var rest = Substring(target)
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        if !rest.hasPrefix("/"), let scheme = rest.range(of: "://") {
            let afterScheme = rest[scheme.upperBound...]
            rest = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? "/"
            if rest.hasPrefix("?") {
                rest = "/" + rest
            }
        }
        guard let question = rest.firstIndex(of: "?") else { return (rest, "") }
        return (rest[..<question], rest[rest.index(after: question)...])
    }
}
