import CLibPQ

/// Says what is wrong with a connection string without quoting any of it. libpq's own parse errors quote
/// the malformed part (`invalid percent-encoded token: "Secret%zz@/db"`), password included, and a
/// server that retries its connection would log that on every attempt. And a password with an unencoded
/// `@` or `/` parses "successfully" into a host, port or database name that later errors quote
/// (`could not translate host name "ret@db"`), so that shape is refused here too.
enum ConninfoCheck {
    /// libpq's parse messages (fe-connect.c) and the part of the string each is about.
    private static let parseProblems: [(libpq: String, part: String)] = [
        ("invalid percent-encoded token", "a %-escape is not % followed by two hex digits"),
        ("forbidden value %00", "a %-escape is %00 (NUL)"),
        ("looking for matching \"]\"", "an IPv6 host address has no closing ]"),
        ("IPv6 host address may not be empty", "an IPv6 host address is empty"),
        ("unexpected character", "the host is followed by something other than :port or /database"),
        ("extra key/value separator", "a ?query parameter has more than one ="),
        ("missing key/value separator", "a ?query parameter has no ="),
        ("invalid URI query parameter", "a ?query parameter is not a connection option"),
        ("invalid connection option", "a key is not a connection option"),
        ("missing \"=\" after", "a word in the key=value string has no ="),
        ("unterminated quoted string", "a quoted value is not closed"),
    ]

    /// Nil when libpq can parse `conninfo` (a URL or key=value string) safely; else which part is malformed.
    static func problem(_ conninfo: String) -> String? {
        if let shape = uriShapeProblem(conninfo) { return shape }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &message) else {
            let text = message.map { String(cString: $0) } ?? ""
            if let message { PQfreemem(message) }
            return parseProblems.first { text.contains($0.libpq) }?.part ?? "libpq cannot parse it"
        }
        PQconninfoFree(options)
        return nil
    }

    /// The passwords `conninfo` and `settings` carry, as libpq reads them and as written in a URL (still
    /// percent-encoded), to scrub from connection errors.
    static func secrets(_ conninfo: String, settings: [(String, String)]) -> [String] {
        var secrets = settings.filter { $0.0 == "password" }.map(\.1)
        if let options = PQconninfoParse(conninfo, nil) {
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val { secrets.append(String(cString: value)) }
                option += 1
            }
            PQconninfoFree(options)
        }
        if ["postgresql://", "postgres://"].contains(where: conninfo.hasPrefix),
           let credentials = conninfo.split(separator: "/", maxSplits: 3).dropFirst().first?.split(separator: "@").first,
           conninfo.contains("@"), let colon = credentials.firstIndex(of: ":") {
            secrets.append(String(credentials[credentials.index(after: colon)...]))
        }
        return secrets
    }

    /// A `postgresql://` URL whose user or password holds an unencoded `@` or `/`: libpq splits it at the
    /// first of them, and the rest of the password becomes the host, port or database name.
    private static func uriShapeProblem(_ conninfo: String) -> String? {
        guard let scheme = ["postgresql://", "postgres://"].first(where: conninfo.hasPrefix) else { return nil }
        let rest = conninfo.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "?" }
        // libpq takes credentials up to the first "@", looking no further than the first "/".
        guard let at = authority.firstIndex(where: { $0 == "@" || $0 == "/" }) else { return nil }
        let afterCredentials = authority[authority.index(after: at)...]
        if authority[at] == "@" {
            let host = afterCredentials.prefix { $0 != "/" }
            return host.contains("@") ? "the user name or password has an unencoded @ (write it as %40)" : nil
        }
        // A "/" first: `u:Sec/ret@host` (a password cut short), or a host, host:port or [v6] followed by a
        // database name that happens to hold an "@" (`host:5432/db@x`), which is fine.
        let before = authority[..<at]
        guard afterCredentials.contains("@"), !before.hasPrefix("["), let colon = before.lastIndex(of: ":"),
              !before[before.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
        return "the user name or password has an unencoded / (write it as %2F)"
    }

    /// A connection error about a setting's value (`invalid integer value "5432x" for connection option
    /// "port"`, `invalid sslmode value: "…"`) without the value, which a mis-split URL may have taken from
    /// the password; other messages unchanged.
    static func withoutSettingValue(_ message: String) -> String {
        guard message.hasPrefix("invalid ") else { return message }
        let head = message.prefix { $0 != "\"" && $0 != ":" }.trimmingSuffix(while: \.isWhitespace)
        let option = message.firstRange(of: "for connection option \"").map { message[$0.upperBound...].prefix { $0 != "\"" } }
        return head + (option.map { " for the connection option \($0)" } ?? "") + " (the value is not shown)"
    }

    /// `message` with every copy of `secret` (as given and percent-encoded) replaced by `***`.
    static func scrub(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets where secret.count >= 2 {
            text = text.replacing(secret, with: "***")
        }
        return text
    }
}


extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var text = self
        while let last = text.last, predicate(last) { text.removeLast() }
        return text
    }
}
