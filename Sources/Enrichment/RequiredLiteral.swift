/// The runs of plain characters that every match of a regex must contain: a user agent missing one of them
/// cannot match, so the regex is not run. Most of uap-core's ~1,300 rules are ruled out this way for a given user
/// agent, and the few that backtrack badly on long user agents (`Mozilla.{1,100}Mobile.{1,100}(…Bot)`) are
/// skipped on desktop ones; a first-seen user agent costs a fraction of a millisecond instead of several.
///
/// Conservative by construction: a run ends at a class, a wildcard, an escape that is not a punctuation mark, or
/// a group; a quantified atom or group is left out; a group joins the required runs only when it holds no
/// alternation and is not optional; lookarounds are left out; a top-level `|` or an unknown escape gives nothing.
/// ASCII only, so lowering case is exact for case-insensitive rules.
struct RequiredLiteral: Sendable {
    /// Each lower-cased when `isCaseInsensitive`.
    let runs: [[UInt8]]
    let isCaseInsensitive: Bool

    /// Runs shorter than this are not worth a search.
    static let minimumLength = 2

    init?(pattern: String, caseInsensitive: Bool) {
        var reader = PatternReader(scalars: Array(pattern.unicodeScalars))
        guard let sequence = reader.sequence(), !sequence.hasAlternation else { return nil }
        let runs = sequence.runs.filter { $0.count >= Self.minimumLength }
        guard !runs.isEmpty else { return nil }
        isCaseInsensitive = caseInsensitive
        self.runs = caseInsensitive ? runs.map { $0.map(Self.lower) } : runs
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// True when `text` (or `lowered`, the same bytes lower-cased) contains every run.
    func isContained(in text: [UInt8], lowered: [UInt8]) -> Bool {
        let haystack = isCaseInsensitive ? lowered : text
        return runs.allSatisfy { Self.find($0, in: haystack) }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first {
                var offset = 1
                while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}

/// Reads a pattern's sequences and groups for `RequiredLiteral`.
private struct PatternReader {
    let scalars: [Unicode.Scalar]
    var index = 0

    struct Sequence {
        var runs: [[UInt8]] = []
        var hasAlternation = false
    }

    /// Reads until the end or the `)` closing the current group (left unread); nil for what it does not know.
    mutating func sequence() -> Sequence? {
        var result = Sequence(), current: [UInt8] = []
        func flush() {
            if !current.isEmpty { result.runs.append(current) }
            current = []
        }
        while index < scalars.count, scalars[index] != ")" {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return nil }
                let escaped = scalars[index + 1]
                index += 2
                if "bBdDsSwW".unicodeScalars.contains(escaped) {
                    flush()
                } else if escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) {
                    current.append(UInt8(escaped.value))
                } else {
                    return nil  // \x41, \p{…}, back references: not read here
                }
            case "[":
                flush()
                index += 1
                if index < scalars.count, scalars[index] == "^" { index += 1 }
                if index < scalars.count, scalars[index] == "]" { index += 1 }  // a leading ] is a member
                while index < scalars.count, scalars[index] != "]" { index += scalars[index] == "\\" ? 2 : 1 }
                index += 1
            case "(":
                flush()
                index += 1
                var isLookaround = false
                if index < scalars.count, scalars[index] == "?" {
                    index += 1
                    guard index < scalars.count else { return nil }
                    switch scalars[index] {
                    case ":": index += 1
                    case "=", "!": isLookaround = true
                    case "<": isLookaround = true
                    default: return nil  // inline flags, named groups: not read here
                    }
                }
                guard let inner = sequence(), index < scalars.count else { return nil }
                index += 1  // the ")"
                if !isLookaround, !inner.hasAlternation, !isOptionalQuantifierNext() { result.runs += inner.runs }
            case "|":
                result.hasAlternation = true
                flush()
                index += 1
            case "*", "+", "?", "{":
                // The quantified atom may be absent (or its count is not read): it leaves the run.
                if !current.isEmpty { current.removeLast() }
                flush()
                if scalar == "{" {
                    while index < scalars.count, scalars[index] != "}" { index += 1 }
                }
                index += 1
            case ".", "^", "$":
                flush()
                index += 1
            default:
                if scalar.isASCII { current.append(UInt8(scalar.value)) } else { flush() }
                index += 1
            }
        }
        flush()
        // With an alternation the runs are not all required; the caller drops them.
        return result
    }

    /// True when a quantifier that allows zero follows (`?`, `*`, `{0`); the group is then optional. A following
    /// `+` or `{n` keeps it required; the quantifier itself is read by the loop.
    private func isOptionalQuantifierNext() -> Bool {
        guard index < scalars.count else { return false }
        switch scalars[index] {
        case "?", "*": return true
        case "{": return index + 1 < scalars.count && scalars[index + 1] == "0"
        default: return false
        }
    }
}
