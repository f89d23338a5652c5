/// Splits a request target into path and query (RFC 9112 §3.2: origin-form and absolute-form).
/// No Foundation: the fuzz target (Fuzz/HTTPParser) compiles the parser sources on their own.
enum RequestTarget {
    /// `/a/b?x=1#f` → (`/a/b`, `x=1`); an absolute-form target (`http://host/a?x`) yields its path.
    static func split(_ target: String) -> (path: Substring, query: Substring) {
        // Searched as UTF-8 bytes (the delimiters are ASCII, so the indices fall on character boundaries):
        // character-wise search costs grapheme breaking on every request.
        var rest = Substring(target)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            rest = rest[..<hash]
        }
        if rest.utf8.first != UInt8(ascii: "/"), let authority = afterScheme(rest) {
            rest = authority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { authority[$0...] } ?? "/"
            if rest.hasPrefix("?") {
                rest = "/" + rest
            }
        }
        guard let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (rest, "") }
        return (rest[..<question], rest[rest.index(after: question)...])
    }

    /// The authority of an absolute-form target (`http://host:8080/a?x` → `host:8080`), else nil.
    static func authority(_ target: String) -> Substring? {
        let whole = Substring(target)
        guard whole.utf8.first != UInt8(ascii: "/"), let rest = afterScheme(whole) else { return nil }
        return rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
    }

    /// What follows `scheme://` when `target` is in absolute form, else nil.
    private static func afterScheme(_ target: Substring) -> Substring? {
        guard let colon = target.firstIndex(of: ":") else { return nil }
        let scheme = target[..<colon]
        guard let first = scheme.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20),
              scheme.utf8.allSatisfy({ HTTPCharacters.isSchemeByte($0) }) else { return nil }
        let rest = target[target.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        return rest.dropFirst(2)
    }
}
