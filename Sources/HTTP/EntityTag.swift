/// Entity-tag comparison for conditional requests (RFC 9110 §8.8.3, §13.1.2).
enum EntityTag {
    /// Weak comparison: `W/"x"` matches `"x"`; `*` matches anything.
    static func ifNoneMatch(_ headerValues: [String], matches etag: String) -> Bool {
        let wanted = opaque(etag)
        for value in headerValues {
            for candidate in value.split(separator: ",") {
                let trimmed = candidate.trimmingSpaces()
                if trimmed == "*" || opaque(trimmed) == wanted {
                    return true
                }
            }
        }
        return false
    }

    /// The tag without a weakness prefix.
    static func opaque<S: StringProtocol>(_ tag: S) -> Substring {
        let sub = Substring(tag)
        return sub.hasPrefix("W/") ? sub.dropFirst(2) : sub
    }

    /// The weak form of a tag, used when the server re-encodes a representation (gzip).
    static func weakened(_ tag: String) -> String {
        tag.hasPrefix("W/") ? tag : "W/" + tag
    }
}
