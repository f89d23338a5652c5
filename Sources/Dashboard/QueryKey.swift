import Analytics
import Foundation

/// What an answer depends on besides the data: the resource, the format and the resolved filters (not
/// the raw query, so `?tz=UTC&from=…` and a reordered or defaulted spelling of the same view share
/// one key). It names cache entries and, with the data version, makes the ETag.
struct QueryKey: Sendable, Hashable {
    /// `resource=summary&format=json&from=…`, each value percent-encoded, so the text is unambiguous.
    let text: String

    init(resource: String, format: String, filters: Filters, cursor: EventCursor?, scope: EventScope? = nil) {
        var items: [(String, String)] = [
            ("resource", resource), ("format", format),
            ("from", filters.fromText), ("to", filters.toText),
            ("start", ISOTimestamp.string(filters.start)), ("end", ISOTimestamp.string(filters.end)),
            ("tz", filters.timeZoneName),
        ]
        let dimensions: [(String, String?)] = [
            ("login_state", filters.loginState), ("event_name", filters.eventName),
            ("category", filters.category), ("brand", filters.brand), ("cursor", cursor?.encoded),
            ("scope", scope?.rawValue),
        ]
        for case let (name, value?) in dimensions { items.append((name, value)) }
        text = items.map { DashboardLinks.encode($0.0) + "=" + DashboardLinks.encode($0.1) }.joined(separator: "&")
    }

    /// A weak validator: the same data version and query give the same data, though `generated_at`
    /// and `query_ms` in the meta may differ between two computations of it. The process's own salt
    /// keeps a tag from an older build (or a recreated warehouse that restarted its versions) from
    /// matching after a restart.
    func entityTag(dataVersion: Int64) -> String {
        "W/\"\(dataVersion)-\(Self.hexHash(Self.salt + "|" + text))\""
    }

    /// The response cache's key for one encoding of this answer at `dataVersion`.
    func cacheKey(dataVersion: Int64, encoding: String?, extra: String = "") -> String {
        "\(dataVersion)|\(encoding ?? "identity")|\(extra)|\(text)"
    }

    private static let salt = String(UInt64.random(in: .min ... .max), radix: 36)

    /// FNV-1a, 128 bits, as 32 hex digits: a validator, not a secret, so speed matters more than
    /// resistance to chosen collisions (a client could only fool itself).
    static func hexHash(_ text: String) -> String {
        var hash: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B
        for byte in text.utf8 {
            hash = (hash ^ UInt128(byte)) &* prime
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }
}
