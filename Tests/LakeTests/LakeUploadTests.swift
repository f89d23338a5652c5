import Foundation
import Lake
import Testing

/// Uploads appear whole at commit, replacing the key's old object in one step, or not at all.
@Suite("Lake uploads")
struct LakeUploadTests {
    func localLake() throws -> (LocalLake, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (LocalLake(root: folder), folder)
    }

    @Test("a local upload is invisible until commit, then replaces the old object whole")
    func localCommitReplaces() async throws {
        let (lake, folder) = try localLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake.put("exports/t/day=01/part-00000.parquet", bytes: Array("old".utf8), contentType: "application/octet-stream")
        let upload = try await lake.startUpload("exports/t/day=01/part-00000.parquet", contentType: "application/octet-stream")
        try await upload.write(Array("new ".utf8))
        try await upload.write(Array("bytes".utf8))
        #expect(try await lake.get("exports/t/day=01/part-00000.parquet").bytes == Array("old".utf8))
        let listed = try await lake.list(prefix: "exports/", after: nil).objects.map(\.key)
        #expect(listed == ["exports/t/day=01/part-00000.parquet"], "the temporary file is hidden from listings")
        try await upload.commit()
        #expect(try await lake.get("exports/t/day=01/part-00000.parquet").bytes == Array("new bytes".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("exports/t/day=01").path).count == 1)
    }

    @Test("an aborted local upload leaves the old object and no temporary file")
    func localAbortKeepsOld() async throws {
        let (lake, folder) = try localLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake.put("a/b.bin", bytes: [1], contentType: "application/octet-stream")
        let upload = try await lake.startUpload("a/b.bin", contentType: "application/octet-stream")
        try await upload.write([2, 3])
        await upload.abort()
        #expect(try await lake.get("a/b.bin").bytes == [1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a").path) == ["b.bin"])
    }

    @Test("temporary files a killed upload left are discarded under the prefix, and only there")
    func abandonedUploadsAreDiscarded() async throws {
        let (lake, folder) = try localLake()
        defer { try? FileManager.default.removeItem(at: folder) }
        let abandoned = try await lake.startUpload("exports/t/day=01/part-00000.parquet", contentType: "application/octet-stream")
        try await abandoned.write([1, 2, 3])
        let elsewhere = try await lake.startUpload("events/x.json", contentType: "application/json")
        try await lake.discardAbandonedUploads(under: "exports/")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("exports/t/day=01").path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("events").path).count == 1)
        await elsewhere.abort()
    }

    @Test("an S3 upload larger than a part goes up in parts and reads back whole; a small one is one PUT")
    func s3MultipartUpload() async throws {
        let lake = try await S3LakeTests().makeLake()
        var bytes = [UInt8](repeating: 0, count: 17 << 20)
        for index in bytes.indices where index % 4093 == 0 { bytes[index] = UInt8(truncatingIfNeeded: index / 4093) }
        let upload = try await lake.startUpload("exports/big.parquet", contentType: "application/octet-stream")
        for start in stride(from: 0, to: bytes.count, by: 3 << 20) {
            try await upload.write(Array(bytes[start..<min(start + (3 << 20), bytes.count)]))
        }
        #expect(try await lake.list(prefix: "exports/", after: nil).objects.isEmpty, "nothing visible before commit")
        try await upload.commit()
        #expect(try await lake.get("exports/big.parquet").bytes == bytes)

        let small = try await lake.startUpload("exports/small.json", contentType: "application/json")
        try await small.write(Array("{}".utf8))
        try await small.commit()
        #expect(try await lake.get("exports/small.json").bytes == Array("{}".utf8))
    }

    @Test("an aborted S3 upload leaves the old object")
    func s3AbortKeepsOld() async throws {
        let lake = try await S3LakeTests().makeLake()
        try await lake.put("exports/x.parquet", bytes: [9], contentType: "application/octet-stream")
        let upload = try await lake.startUpload("exports/x.parquet", contentType: "application/octet-stream")
        try await upload.write([UInt8](repeating: 1, count: 9 << 20))
        await upload.abort()
        #expect(try await lake.get("exports/x.parquet").bytes == [9])
    }
}
