import Foundation

/// An NSRegularExpression that may be shared between threads.
///
/// Invariant for `@unchecked Sendable`: NSRegularExpression is immutable after init and documented as safe to
/// use from several threads at once; swift-corelibs-foundation just does not mark it Sendable.
struct CompiledRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String, caseInsensitive: Bool = false) throws {
        regex = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    func firstMatch(in text: NSString) -> NSTextCheckingResult? {
        regex.firstMatch(in: text as String, range: NSRange(location: 0, length: text.length))
    }

    func matches(_ text: String) -> Bool {
        firstMatch(in: text as NSString) != nil
    }
}
