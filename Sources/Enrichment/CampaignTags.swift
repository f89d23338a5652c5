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
    /// regard to case, the first occurrence wins, and empty values count as absent.
    public init(query: Substring) {
        guard query.utf8.contains(UInt8(ascii: "=")) else { return }
        for pair in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals]
            guard name.utf8.count >= 5, name.utf8.count <= 12 else { continue }
            let value = pair[pair.index(after: equals)...]
            switch name.lowercased() {
            case "utm_source": set(&source, value)
            case "utm_medium": set(&medium, value)
            case "utm_campaign": set(&campaign, value)
            case "utm_term": set(&term, value)
            case "utm_content": set(&content, value)
            case "gclid", "gbraid", "wbraid", "msclkid", "dclid": if !value.isEmpty { hasPaidClickID = true }
            default: break
            }
        }
    }

    private func set(_ field: inout String?, _ value: Substring) {
        guard field == nil else { return }
        let decoded = QueryValue.decode(value).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !decoded.isEmpty else { return }
        field = decoded.count > Self.valueLimit ? String(decoded.prefix(Self.valueLimit)) : decoded
    }
}
