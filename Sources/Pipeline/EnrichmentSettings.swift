import Enrichment

/// How the loader enriches events as it decodes them: the enricher (nil: derived columns stay NULL, for
/// benchmarks and `clickstream enrich` later) and what `properties` keeps of client addresses (`KEEP_IP`). The
/// addresses leave `properties` whether or not the enricher is on.
public struct EnrichmentSettings: Sendable {
    public var enricher: Enricher?
    public var addressRetention: AddressRetention

    public init(enricher: Enricher?, addressRetention: AddressRetention = .drop) {
        self.enricher = enricher
        self.addressRetention = addressRetention
    }

    /// No derived columns; addresses dropped.
    public static let off = EnrichmentSettings(enricher: nil)
}
