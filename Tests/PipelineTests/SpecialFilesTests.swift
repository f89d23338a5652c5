import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Lake
import Postgres
import TestSupport
import Testing
@testable import Pipeline

/// Symbolic links, FIFOs and other entries that are no regular file: a local lake never reads or follows
/// them, and the loader records each as `not_a_regular_file` once, with its key and a log line.
@Suite("Local lake entries that are no regular file")
struct SpecialFilesTests {
    /// A lake with one good event, plus a symlink to an event file outside the lake, a symlink to a folder of
    /// events outside it, a dangling symlink and a FIFO; and the outside folder, to delete afterwards.
    static func makeLake() throws -> (LocalLake, [URL]) {
        let (lake, folder) = try Fixtures.makeLake()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let event = #"{"eventName":"page_view","eventId":"6f1c0a52-3f1e-4c5a-9d55-2f7f3f0f1a09"}"#
        try Data(event.utf8).write(to: outside.appendingPathComponent("secret.json"))
        let hour = folder.appendingPathComponent("events/2025/12/06/05")
        try FileManager.default.createDirectory(at: hour, withIntermediateDirectories: true)
        try Data(#"{"eventName":"product_view"}"#.utf8).write(to: hour.appendingPathComponent("good.json"))
        let files = FileManager.default
        try files.createSymbolicLink(at: hour.appendingPathComponent("link.json"), withDestinationURL: outside.appendingPathComponent("secret.json"))
        try files.createSymbolicLink(at: hour.appendingPathComponent("linked-folder"), withDestinationURL: outside)
        try files.createSymbolicLink(at: hour.appendingPathComponent("dangling.json"), withDestinationURL: outside.appendingPathComponent("gone"))
        #expect(mkfifo(hour.appendingPathComponent("pipe.json").path, 0o644) == 0)
        return (lake, [folder, outside])
    }

    static let specialKeys = ["events/2025/12/06/05/dangling.json", "events/2025/12/06/05/link.json",
                              "events/2025/12/06/05/linked-folder", "events/2025/12/06/05/pipe.json"]

    @Test("the listing names each special entry with its kind and never walks a linked folder")
    func listsSpecialEntries() async throws {
        let (lake, folders) = try Self.makeLake()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let objects = try await lake.list(prefix: "events/", after: nil).objects
        #expect(objects.map(\.key) == ["events/2025/12/06/05/dangling.json", "events/2025/12/06/05/good.json"]
                + Self.specialKeys.dropFirst())
        #expect(objects.map { $0.specialFileKind ?? "file" }
                == ["symbolic link", "file", "symbolic link", "symbolic link", "FIFO"])
        await #expect(throws: LakeError.self) { try await lake.get("events/2025/12/06/05/link.json") }
    }

    @Test("each is a not_a_regular_file reject with its key and a log line, once; nothing behind a link loads")
    func recordsSpecialEntriesOnce() async throws {
        let (lake, folders) = try Self.makeLake()
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        try await withTestDatabase { db in
            let records = LogRecords()
            let etl = ETL(store: lake, pool: db.pool, configuration: ETL.Configuration(), logger: records.makeLogger())
            let first = try await etl.run(trigger: "test")
            #expect(first.events == 1)
            #expect(first.rejectsByReason == ["not_a_regular_file": 4])
            let rejects = try await db.pool.query(
                "SELECT object_key, detail FROM etl_rejects WHERE reason = 'not_a_regular_file' ORDER BY object_key")
            #expect(rejects.map { $0[0] ?? "" } == Self.specialKeys)
            #expect(rejects.first?[1]?.contains("symbolic link") == true)
            let logged = records.all.filter { $0.message.contains("not a regular file") }.compactMap { $0.metadata["etl.object"] }
            #expect(logged.sorted() == Self.specialKeys)

            let second = try await etl.run(trigger: "test")
            #expect(second.rejectsByReason.isEmpty && second.events == 0)
            #expect(try await db.pool.query("SELECT count(*) FROM etl_rejects").first?.decode(Int.self, at: 0) == 4)
            #expect(try await db.pool.query("SELECT count(*) FROM clickstream_events").first?.decode(Int.self, at: 0) == 1)
        }
    }
}
