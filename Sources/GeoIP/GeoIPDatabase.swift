import CMaxMindDB
import Glibc

/// A MaxMind DB file (GeoLite2-Country/City, DB-IP Lite, or the one setup builds from tor-geoipdb), read
/// through libmaxminddb. The only place its C types and pointers appear.
///
/// Invariant for `@unchecked Sendable`: `database` is opened (memory-mapped) in `init`, never written after,
/// and closed only in `deinit`, when no lookup can be running; libmaxminddb's lookups only read it, so any
/// number of threads may look up at once.
public final class GeoIPDatabase: @unchecked Sendable {
    private var database = MMDB_s()
    /// The file's `database_type` (e.g. "GeoLite2-Country"), for logs and the pipeline panel.
    public let databaseType: String
    public let path: String

    public init(path: String) throws(GeoIPError) {
        self.path = path
        let status = MMDB_open(path, UInt32(MMDB_MODE_MMAP), &database)
        guard status == MMDB_SUCCESS else {
            var reason = String(cString: MMDB_strerror(status))
            if status == MMDB_IO_ERROR { reason += " (\(String(cString: strerror(errno))))" }
            throw .cannotOpen(path: path, reason: reason)
        }
        databaseType = database.metadata.database_type.map { String(cString: $0) } ?? "unknown"
    }

    deinit { MMDB_close(&database) }

    /// Where the database places `address` (4 bytes IPv4 or 16 bytes IPv6, network order); nil when it has no
    /// entry (a miss, or a reserved range it leaves out).
    public func lookup(_ address: [UInt8]) throws(GeoIPError) -> GeoLocation? {
        var mmdbError: Int32 = MMDB_SUCCESS
        let result: MMDB_lookup_result_s
        switch address.count {
        case 4:
            var socket = sockaddr_in()
            socket.sin_family = sa_family_t(AF_INET)
            withUnsafeMutableBytes(of: &socket.sin_addr) { $0.copyBytes(from: address) }
            result = lookup(&socket, error: &mmdbError)
        case 16:
            var socket = sockaddr_in6()
            socket.sin6_family = sa_family_t(AF_INET6)
            withUnsafeMutableBytes(of: &socket.sin6_addr) { $0.copyBytes(from: address) }
            result = lookup(&socket, error: &mmdbError)
        default:
            throw .invalidAddress(byteCount: address.count)
        }
        // An IPv6 address in an IPv4-only database is not an error of the data: it is simply not there.
        if mmdbError == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR { return nil }
        guard mmdbError == MMDB_SUCCESS else { throw .lookupFailed(reason: String(cString: MMDB_strerror(mmdbError))) }
        guard result.found_entry else { return nil }
        var entry = result.entry
        var country = try Self.text(&entry, LookupPath.country)
        if country == nil { country = try Self.text(&entry, LookupPath.registeredCountry) }
        let location = GeoLocation(
            country: country,
            region: try Self.text(&entry, LookupPath.region),
            city: try Self.text(&entry, LookupPath.city))
        return location.country == nil && location.region == nil && location.city == nil ? nil : location
    }

    /// `MMDB_lookup_sockaddr` on a `sockaddr_in` or `sockaddr_in6`.
    private func lookup<Socket>(_ socket: inout Socket, error: inout Int32) -> MMDB_lookup_result_s {
        withUnsafePointer(to: &socket) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { MMDB_lookup_sockaddr(&database, $0, &error) }
        }
    }

    /// The UTF-8 string at `path` under `entry`; nil when the path is absent or holds another type.
    private static func text(_ entry: inout MMDB_entry_s, _ path: LookupPath) throws(GeoIPError) -> String? {
        var data = MMDB_entry_data_s()
        let status = path.strings.withUnsafeBufferPointer { strings in
            strings.baseAddress.map { MMDB_aget_value(&entry, &data, $0) } ?? MMDB_INVALID_LOOKUP_PATH_ERROR
        }
        if status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR || status == MMDB_INVALID_LOOKUP_PATH_ERROR { return nil }
        guard status == MMDB_SUCCESS else { throw .lookupFailed(reason: String(cString: MMDB_strerror(status))) }
        guard data.has_data, data.type == UInt32(MMDB_DATA_TYPE_UTF8_STRING),
              let bytes = cmaxminddb_utf8_string(&data) else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(data.data_size)), as: UTF8.self)
        return text.isEmpty ? nil : text
    }
}

/// A lookup path as the NULL-terminated array of C strings `MMDB_aget_value` takes, made once per path.
///
/// Invariant for `@unchecked Sendable`: the strings are copied in `init`, never written, and never freed (the
/// four paths below live as long as the process).
private final class LookupPath: @unchecked Sendable {
    let strings: [UnsafePointer<CChar>?]

    init(_ keys: String...) {
        strings = keys.map { strdup($0).map { UnsafePointer($0) } } + [nil]
    }

    static let country = LookupPath("country", "iso_code")
    static let registeredCountry = LookupPath("registered_country", "iso_code")
    static let region = LookupPath("subdivisions", "0", "names", "en")
    static let city = LookupPath("city", "names", "en")
}
