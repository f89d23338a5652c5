import Enrichment
import Foundation
import GeoIP
import Lake
@testable import Pipeline

/// The shared samples decoded with enrichment on: the repository's rule files and the fixture geography database
/// of scripts/geoip-fixture.pl. The samples' addresses are documentation ranges (RFC 5737), which no database
/// places; `located` swaps them for addresses the fixture knows, so every geography column has a known answer.
enum EnrichedSamples {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let enricher = Result { () throws -> Enricher in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-geo-\(getpid()).mmdb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [repository.appendingPathComponent("scripts/geoip-fixture.pl").path, path]
        try process.run()
        process.waitUntilExit()
        var configuration = Enricher.Configuration()
        configuration.geography = try GeoIPDatabase(path: path)
        return try Enricher(dataFolder: repository.appendingPathComponent("Data"), configuration: configuration)
    }

    /// Sample address → an address of the fixture database (and where it is).
    static let located = [
        "203.0.113.24": "81.2.69.160",  // GB, England, London
        "198.51.100.7": "2405:4800::7",  // VN, Ho Chi Minh, Ho Chi Minh City
        "111.33.64.227": "14.160.3.4",  // VN, Hanoi, Hanoi
    ]

    static func bytes(_ path: String, locating: Bool = true) throws -> [UInt8] {
        var text = String(decoding: try Fixtures.bytes(path), as: UTF8.self)
        if locating { for (sample, known) in located { text = text.replacingOccurrences(of: sample, with: known) } }
        return Array(text.utf8)
    }

    static func decode(_ bytes: [UInt8], key: String = "events/2025/12/06/05/test.json",
                       retention: AddressRetention = .drop) throws -> DecodedObject {
        ObjectDecoder.decode(LakeBlob(key: key, bytes: bytes, etag: "etag-1", lastModified: Fixtures.lastModified.date),
                             now: Fixtures.now, enrichment: EnrichmentSettings(enricher: try enricher.get(), addressRetention: retention))
    }

    static func decode(sample path: String, retention: AddressRetention = .drop) throws -> DecodedObject {
        try decode(try bytes(path), key: "events/" + path, retention: retention)
    }
}
