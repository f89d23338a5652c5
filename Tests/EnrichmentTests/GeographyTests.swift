import Enrichment
import Foundation
import GeoIP
import Testing

/// Geography through the Enricher, on the fixture database of scripts/geoip-fixture.pl.
@Suite("Geography")
struct GeographyTests {
    static let enricher = Result { () throws -> Enricher in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enrichment-geo-\(getpid()).mmdb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [Repository.root.appendingPathComponent("scripts/geoip-fixture.pl").path, path]
        try process.run()
        process.waitUntilExit()
        var configuration = Enricher.Configuration()
        configuration.geography = try GeoIPDatabase(path: path)
        return try Enricher(dataFolder: Repository.data, configuration: configuration)
    }

    func derive(_ address: String?) throws -> DerivedFields {
        try Self.enricher.get().derive(pageURL: nil, referrer: nil, userAgent: nil, sourceIP: address)
    }

    @Test("an IPv4 source gives country, region and city")
    func ipv4() throws {
        #expect(try derive("81.2.69.160").location == .init(country: "GB", region: "England", city: "London"))
    }

    @Test("an IPv6 source gives its place")
    func ipv6() throws {
        #expect(try derive("2405:4800::1").location == .init(country: "VN", region: "Ho Chi Minh", city: "Ho Chi Minh City"))
    }

    @Test("a miss and a reserved address give no place and count as not located")
    func missAndReserved() throws {
        for address in ["8.8.8.8", "10.0.0.7", "::1"] {
            let fields = try derive(address)
            #expect(fields.location == nil)
            #expect(fields.issues.all == [.sourceIPNotLocated], "\(address)")
        }
    }

    @Test("a source IP that is no address counts as invalid")
    func invalid() throws {
        #expect(try derive("unknown").issues.all == [.sourceIPInvalid])
    }

    @Test("without a database, geography is NULL and nothing is counted")
    func withoutDatabase() throws {
        let fields = try Enricher(dataFolder: Repository.data).derive(pageURL: nil, referrer: nil, userAgent: nil, sourceIP: "81.2.69.160")
        #expect(fields.location == nil)
        #expect(fields.issues.isEmpty)
    }
}
