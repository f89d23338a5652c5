/// What can go wrong with a MaxMind-format database. Each case says what to do.
public enum GeoIPError: Error, Equatable, CustomStringConvertible {
    /// The file is missing, unreadable or not a MaxMind DB.
    case cannotOpen(path: String, reason: String)
    /// An address that is neither 4 nor 16 bytes.
    case invalidAddress(byteCount: Int)
    /// The database is corrupt where the lookup led.
    case lookupFailed(reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the geography database \(path): \(reason). Point GEOIP_DB at a readable .mmdb file "
                + "(GeoLite2-Country/City, DB-IP Lite), or unset it to use the one scripts/setup.sh builds"
        case .invalidAddress(let count): "an IP address has 4 or 16 bytes, not \(count)"
        case .lookupFailed(let reason): "the geography database could not be read: \(reason)"
        }
    }
}
