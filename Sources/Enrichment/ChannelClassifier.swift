/// The channel rule, first answer wins (README, "Enrichment"):
/// 1. `utm_medium` cpc, ppc, paid, paidsearch, paid_search, paid-search, cpm or paid_social/paidsocial: paid —
///    `paid_social` when the source (referrer or `utm_source`) is a social network or the medium says social,
///    else `paid_search`; a paid click id (gclid, gbraid, wbraid, msclkid, dclid) is `paid_search` too.
///    fbclid is not: Facebook adds it to every outbound link, paid or not.
/// 2. `utm_medium` email or e-mail or newsletter: `email`; social, social-network, social_media or sm: `social`.
/// 3. A referrer on one of the site's own hosts: `internal`.
/// 4. A referrer the table knows: its channel (`organic_search`, `social`, `email`).
/// 5. Another referrer: `referral`.
/// 6. No referrer: the channel of a `utm_source` the table knows, `referral` for another `utm_source`, else `direct`.
enum ChannelClassifier {
    static let paidMedia: Set<String> = ["cpc", "ppc", "paid", "paidsearch", "paid_search", "paid-search", "cpm"]
    static let paidSocialMedia: Set<String> = ["paid_social", "paidsocial", "paid-social"]
    static let emailMedia: Set<String> = ["email", "e-mail", "e_mail", "newsletter"]
    static let socialMedia: Set<String> = ["social", "social-network", "social_network", "social-media", "social_media", "sm"]

    static func channel(referrer: ChannelRules.Source?, hasReferrer: Bool, isInternal: Bool, tags: CampaignTags,
                        utmSource: ChannelRules.Source?) -> Channel {
        let medium = tags.medium?.lowercased()
        if let medium {
            if paidSocialMedia.contains(medium) { return .paidSocial }
            if paidMedia.contains(medium) {
                return referrer?.channel == .social || utmSource?.channel == .social ? .paidSocial : .paidSearch
            }
        }
        if tags.hasPaidClickID { return .paidSearch }
        if let medium {
            if emailMedia.contains(medium) { return .email }
            if socialMedia.contains(medium) { return .social }
        }
        if isInternal { return .internal }
        if let referrer { return referrer.channel }
        if hasReferrer { return .referral }
        if let utmSource { return utmSource.channel }
        return tags.source == nil ? .direct : .referral
    }
}
