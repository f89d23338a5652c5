import Foundation

/// What a page URL's query says about the visit: the five UTM parameters and the ad click ids.
public struct CampaignTags: Sendable, Equatable {
    public var source, medium, campaign, term, content: String?
    /// gclid, gbraid, wbraid (Google Ads), msclkid (Microsoft Ads) or dclid (Display & Video 360): the ad
    /// networks add these to paid clicks only, so they mark paid search without a UTM medium.
    public var hasPaidClickID = false

    /// The longest value kept, in characters; longer ones are cut.
    static let valueLimit = 256

    public init() {}

    /// Reads the query part of a URL (`utm_source=zalo&utm_medium=social`); parameter names are matched without
    /// regard to case, the first occurrence wins, and empty values count as absent. Split by bytes: most pairs
    /// are not campaign tags, and are passed over without making a String.
    public init(query: Substring) {
        let utf8 = query.utf8
        var pairStart = utf8.startIndex
        while pairStart < utf8.endIndex {
            let pairEnd = utf8[pairStart...].firstIndex { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: ";") } ?? utf8.endIndex
            if let equals = utf8[pairStart..<pairEnd].firstIndex(of: UInt8(ascii: "=")),
               let name = Self.name(utf8[pairStart..<equals]) {
                let value = Substring(utf8[utf8.index(after: equals)..<pairEnd])
                switch name {
                case "utm_source": set(&source, value)
                case "utm_medium": set(&medium, value)
                case "utm_campaign": set(&campaign, value)
                case "utm_term": set(&term, value)
                case "utm_content": set(&content, value)
                default: if !value.isEmpty { hasPaidClickID = true }
                }
            }
            pairStart = pairEnd < utf8.endIndex ? utf8.index(after: pairEnd) : pairEnd
        }
    }

    static let names = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "gbraid", "wbraid",
                        "msclkid", "dclid"]

    /// The parameter name in lower case when it is one of `names`, else nil (without allocating for the others).
    private static func name(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        guard bytes.count >= 5, bytes.count <= 12,
              let first = bytes.first, first | 0x20 == UInt8(ascii: "u") || [UInt8(ascii: "g"), UInt8(ascii: "w"),
                                                                              UInt8(ascii: "m"), UInt8(ascii: "d")].contains(first | 0x20)
        else { return nil }
        let lowered = String(decoding: bytes.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        return names.contains(lowered) ? lowered : nil
    }

    private func set(_ field: inout String?, _ value: Substring) {
        guard field == nil else { return }
        let decoded = QueryValue.decode(value).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !decoded.isEmpty else { return }
        field = decoded.count > Self.valueLimit ? String(decoded.prefix(Self.valueLimit)) : decoded
    }
}
