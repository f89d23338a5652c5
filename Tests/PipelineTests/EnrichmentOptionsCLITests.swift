import Foundation
import Testing

/// Enrichment settings checked at start: a command that cannot enrich as configured stops before it touches
/// the warehouse (the database URLs here reach nothing, so getting that far would fail differently).
@Suite("Enrichment settings at start")
struct EnrichmentOptionsCLITests {
    static let nowhere = "postgresql:///none?host=/nonexistent"

    @Test("a missing or unreadable GEOIP_DB stops etl, serve, enrich and migrate at start, naming the file", arguments: [
        ["etl"], ["serve", "--port", "0"], ["enrich"], ["migrate"],
    ])
    func badGeographyDatabaseStops(command: [String]) async throws {
        let cli = try CLIProcess.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notADatabase = folder.appendingPathComponent("GeoLite2-City.mmdb")
        try Data("not a database".utf8).write(to: notADatabase)
        for path in [folder.appendingPathComponent("missing.mmdb").path, notADatabase.path] {
            let readsLake = command[0] == "etl" || command[0] == "serve"
            let run = try await cli.run(command + (readsLake ? ["--lake-dir", folder.path] : []) + ["--geoip-db", path],
                                        databaseURL: Self.nowhere)
            #expect(run.status != 0)
            #expect(run.output.contains("cannot open the geography database \(path)"), "\(run.output)")
            #expect(run.output.contains("GEOIP_DB"), "\(run.output)")
        }
    }

    @Test("KEEP_IP takes drop or truncate only")
    func badRetentionStops() async throws {
        let cli = try CLIProcess.locate()
        let run = try await cli.run(["enrich", "--keep-ip", "half"], databaseURL: Self.nowhere)
        #expect(run.status != 0)
        #expect(run.output.contains("KEEP_IP/--keep-ip must be drop or truncate, got half"), "\(run.output)")
    }

    @Test("a data folder without the rule files stops the command and says to run setup")
    func missingRulesStop() async throws {
        let cli = try CLIProcess.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await cli.run(["enrich", "--data", folder.path], databaseURL: Self.nowhere)
        #expect(run.status != 0)
        #expect(run.output.contains("uap-core-regexes.json is missing: run scripts/setup.sh"), "\(run.output)")
    }
}
