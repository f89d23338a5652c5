import Foundation
import GeoIP
import Glibc
import Testing

/// Against the fixture database `scripts/geoip-fixture.pl` builds (its header lists the known answers).
@Suite("GeoIP database")
struct GeoIPDatabaseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Builds the fixture once per process into a temporary file.
    static let fixture: Result<String, any Error> = Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("geoip-fixture-\(getpid()).mmdb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [repository.appendingPathComponent("scripts/geoip-fixture.pl").path, path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GeoIPError.cannotOpen(path: path, reason: "geoip-fixture.pl failed (is libmaxmind-db-writer-perl installed? scripts/setup.sh)") }
        return path
    }

    func database() throws -> GeoIPDatabase { try GeoIPDatabase(path: try Self.fixture.get()) }

    static func bytes(_ text: String) -> [UInt8] {
        if text.contains(":") {
            var address = in6_addr()
            _ = inet_pton(AF_INET6, text, &address)
            return withUnsafeBytes(of: &address) { Array($0) }
        }
        var address = in_addr()
        _ = inet_pton(AF_INET, text, &address)
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    @Test("an IPv4 address in a city range gives country, region and city")
    func findsIPv4City() throws {
        #expect(try database().lookup(Self.bytes("81.2.69.160")) == GeoLocation(country: "GB", region: "England", city: "London"))
    }

    @Test("an IPv6 address gives its range's place")
    func findsIPv6() throws {
        let db = try database()
        #expect(try db.lookup(Self.bytes("2405:4800:1::7")) == GeoLocation(country: "VN", region: "Ho Chi Minh", city: "Ho Chi Minh City"))
        #expect(try db.lookup(Self.bytes("2a03:2880:f003::1")) == GeoLocation(country: "US"))
    }

    @Test("an IPv4-mapped IPv6 address answers as its IPv4 address")
    func mapsIPv4InIPv6() throws {
        #expect(try database().lookup(Self.bytes("::ffff:14.160.3.4")) == GeoLocation(country: "VN", region: "Hanoi", city: "Hanoi"))
    }

    @Test("a country-only range gives no region or city")
    func countryOnly() throws {
        #expect(try database().lookup(Self.bytes("203.113.130.1")) == GeoLocation(country: "VN"))
    }

    @Test("an address outside every range is a miss, not an error")
    func missIsNil() throws {
        #expect(try database().lookup(Self.bytes("8.8.8.8")) == nil)
        #expect(try database().lookup(Self.bytes("2600::1")) == nil)
    }

    @Test("reserved ranges are not in the database")
    func reservedIsNil() throws {
        let db = try database()
        for address in ["10.1.2.3", "192.168.1.1", "127.0.0.1", "2001:db8::1", "::1"] {
            #expect(try db.lookup(Self.bytes(address)) == nil, "\(address)")
        }
    }

    @Test("an address of another length is refused")
    func refusesOddLength() throws {
        #expect(throws: GeoIPError.invalidAddress(byteCount: 5)) { try database().lookup([1, 2, 3, 4, 5]) }
    }

    @Test("a missing file names the path and what to do")
    func missingFile() {
        #expect {
            try GeoIPDatabase(path: "/nonexistent/GeoLite2-City.mmdb")
        } throws: { error in
            guard case .cannotOpen(let path, _) = error as? GeoIPError else { return false }
            return path == "/nonexistent/GeoLite2-City.mmdb" && "\(error)".contains("GEOIP_DB")
        }
    }

    @Test("a file that is not a MaxMind DB is refused at open")
    func notADatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(getpid()).mmdb").path
        try Data("plain text, not a database".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: GeoIPError.self) { try GeoIPDatabase(path: path) }
    }

    @Test("the database type comes from its metadata")
    func readsType() throws {
        #expect(try database().databaseType == "Clickstream-Test-City")
    }
}
