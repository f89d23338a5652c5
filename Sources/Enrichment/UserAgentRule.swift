import Foundation

/// One compiled uap-core rule: a regex searched anywhere in the user agent, and for each result field either
/// a replacement template or the capture group that fills it by default.
///
/// The templates follow uap-core's specification (docs/specification.md) as its reference parser applies
/// them: `$1`…`$9` become the groups (a group that did not take part becomes ""), the result is trimmed, and
/// an empty result is null; without a template a field is its default group, null when that group is absent
/// or empty.
struct UserAgentRule: Sendable {
    let regex: CompiledRegex
    /// What every match contains; nil when nothing can be proven.
    let literal: RequiredLiteral?
    /// Per field: a template, or nil to take the group of the same index in `defaults`.
    let templates: [String?]
    /// Per field: the capture group used when there is no template (0: none).
    let defaults: [Int]

    init(pattern: String, caseInsensitive: Bool = false, templates: [String?], defaults: [Int],
         list: String, index: Int) throws(EnrichmentError) {
        do {
            regex = try CompiledRegex(pattern, caseInsensitive: caseInsensitive)
            literal = RequiredLiteral(pattern: pattern, caseInsensitive: caseInsensitive)
        } catch {
            throw .badUserAgentRule(list: list, index: index, reason: "\(error)")
        }
        self.templates = templates
        self.defaults = defaults
    }

    /// The fields this rule gives for `text`, or nil when it does not match. `bytes` and `lowered` are the text's
    /// UTF-8 and its lower-cased copy, for the literal check that spares most regexes.
    func apply(to text: NSString, bytes: [UInt8], lowered: [UInt8]) -> [String?]? {
        if let literal, !literal.isContained(in: bytes, lowered: lowered) { return nil }
        guard let match = regex.firstMatch(in: text) else { return nil }
        func group(_ index: Int) -> String? {
            guard index > 0, index < match.numberOfRanges else { return nil }
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : text.substring(with: range)
        }
        return zip(templates, defaults).map { template, defaultGroup in
            guard let template else {
                let value = group(defaultGroup)
                return value?.isEmpty == false ? value : nil
            }
            return Self.substitute(template, group)
        }
    }

    /// `$1`…`$9` replaced by the groups; trimmed; "" is nil.
    static func substitute(_ template: String, _ group: (Int) -> String?) -> String? {
        guard template.contains("$") else { return template.trimmingCharacters(in: .whitespaces).nilIfEmpty }
        var result = "", characters = template.makeIterator()
        while let character = characters.next() {
            guard character == "$" else {
                result.append(character)
                continue
            }
            guard let next = characters.next() else {
                result.append(character)
                break
            }
            if let digit = next.wholeNumberValue, (1...9).contains(digit), next.isASCII {
                result += group(digit) ?? ""
            } else {
                result.append(character)
                result.append(next)
            }
        }
        return result.trimmingCharacters(in: .whitespaces).nilIfEmpty
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
