/// Why a derived field is NULL although its source field was sent: never a reject (the row loads), counted
/// per reason on the pipeline panel (`etl_enrichment_issues`).
public enum EnrichmentIssue: String, Sendable, CaseIterable {
    /// `page_url` is not a URL: page_path, page_host and the UTM columns stay NULL.
    case pageURLUnparsable = "page_url_unparsable"
    /// `referrer` is not a URL: referrer_host stays NULL and the channel is decided without it.
    case referrerUnparsable = "referrer_unparsable"
    /// No uap-core rule recognises the browser or the OS: browser and os are "Other", device_type `other`.
    case userAgentUnrecognized = "user_agent_unrecognized"
    /// The source IP is not an IPv4 or IPv6 address.
    case sourceIPInvalid = "source_ip_invalid"
    /// The geography database has no entry for the source IP (a private or reserved address, or a gap).
    case sourceIPNotLocated = "source_ip_not_located"

    /// The source field the issue is about.
    public var field: String {
        switch self {
        case .pageURLUnparsable: "page_url"
        case .referrerUnparsable: "referrer"
        case .userAgentUnrecognized: "user_agent"
        case .sourceIPInvalid, .sourceIPNotLocated: "source_ip"
        }
    }

    var bit: UInt8 { UInt8(1) << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
}

/// The issues of one event, as a bit set (an event carries it to the loader, which counts them per batch).
public struct EnrichmentIssues: Sendable, Equatable {
    public private(set) var bits: UInt8 = 0

    public init() {}

    public var isEmpty: Bool { bits == 0 }

    public mutating func insert(_ issue: EnrichmentIssue) { bits |= issue.bit }

    public func contains(_ issue: EnrichmentIssue) -> Bool { bits & issue.bit != 0 }

    public var all: [EnrichmentIssue] { EnrichmentIssue.allCases.filter(contains) }
}
