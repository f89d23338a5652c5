/// The traffic channel a visit came through (the `channel` column). The rule that picks one is in
/// `ChannelClassifier`; which sites are search engines, social networks and mail providers is in
/// `Data/channels.tsv`.
public enum Channel: String, Sendable, CaseIterable {
    case direct
    case organicSearch = "organic_search"
    case paidSearch = "paid_search"
    case paidSocial = "paid_social"
    case social
    case email
    case referral
    case `internal`
}
