/// Where payloads carry a client's IP address: the collector's (and the ingest Lambda's) `_ingest.sourceIp`,
/// a client-sent block the collector kept as `_client_ingest`, and the Kinesis dialect's top-level `user_ip`.
/// The loader takes these out of `properties` (or truncates them, `KEEP_IP=truncate`), and the privacy
/// migration scrubs them from rows loaded before; both read this one list.
public enum ClientAddressFields {
    /// Objects whose members named `nestedKeys` hold an address.
    public static let nestedObjects = ["_ingest", "_client_ingest"]
    public static let nestedKeys = ["sourceIp", "source_ip"]
    /// Top-level members that hold an address.
    public static let topLevelKeys = ["user_ip", "userIp", "source_ip", "sourceIp", "client_ip", "clientIp"]
}

/// What the warehouse keeps of a client address (`KEEP_IP`).
public enum AddressRetention: String, Sendable, CaseIterable {
    /// Nothing (the default): the address is used for geography, then dropped.
    case drop
    /// Its /24 (IPv4) or /48 (IPv6), where the address was.
    case truncate
}
