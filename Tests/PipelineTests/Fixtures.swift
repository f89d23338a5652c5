import Foundation
import Lake
@testable import Pipeline

/// The shared samples (embedded in `SampleFiles`, so CI needs nothing outside the repo) and test helpers.
enum Fixtures {
    struct MissingSample: Error { let path: String }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let bytes = SampleFiles.all[path] else { throw MissingSample(path: path) }
        return bytes
    }

    static func files(in folder: String) -> [String] {
        SampleFiles.all.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
    }

    /// 2025-12-06T06:00:00Z: after every sample, so none is "in the future".
    static let now = EventTimestamp(microseconds: 1_765_000_800_000_000)
    static let lastModified = EventTimestamp(microseconds: 1_764_990_000_000_000)

    /// Decodes bytes as if read from the lake under `key`.
    static func decode(_ bytes: [UInt8], key: String = "events/2025/12/06/05/test.json", etag: String = "etag-1",
                       now: EventTimestamp = Fixtures.now) -> DecodedObject {
        ObjectDecoder.decode(LakeBlob(key: key, bytes: bytes, etag: etag, lastModified: lastModified.date), now: now)
    }

    static func decode(fixture path: String) throws -> DecodedObject {
        decode(try bytes(path), key: "events/" + path)
    }

    /// A fresh local lake folder.
    static func makeLake() throws -> (LocalLake, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-lake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (LocalLake(root: folder), folder)
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
