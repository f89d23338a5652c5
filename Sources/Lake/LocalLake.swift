import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lake in a local folder: keys are relative paths under `root`.
public struct LocalLake: RawStore {
    public let root: URL
    /// Keys per listing page; 1,000 like S3.
    public let pageSize: Int
    /// When true (the default), `put` returns only after the file and its folder are fsynced. Bulk
    /// writers that can redo their work after a crash (the demo generator) turn it off and call
    /// `synchronize()` once at the end, which is far faster than thousands of fsyncs.
    public let syncsEachWrite: Bool

    public init(root: URL, pageSize: Int = 1_000, syncsEachWrite: Bool = true) {
        self.root = root.standardizedFileURL
        self.pageSize = max(1, pageSize)
        self.syncsEachWrite = syncsEachWrite
    }

    /// The same lake without a per-write fsync (see `syncsEachWrite`).
    public func relaxed() -> LocalLake {
        LocalLake(root: root, pageSize: pageSize, syncsEachWrite: false)
    }

    /// Flushes every written file to disk (sync(2); Glibc's module does not export syncfs).
    public func synchronize() {
        sync()
    }

    public var location: String { root.absoluteString }

    public func list(prefix: String, after token: String?) async throws -> LakePage {
        guard isDirectory(root.path) else { throw LakeError.missingRoot(root.path) }
        // Start from the deepest folder the prefix names; the rest of the prefix filters names.
        let base = prefix.contains("/") ? String(prefix[..<(prefix.lastIndex(of: "/").map { prefix.index(after: $0) } ?? prefix.startIndex)]) : ""
        var walker = LocalLakeWalker(root: root, prefix: prefix, after: token, limit: pageSize + 1)
        try walker.walk(folder: base)
        var objects = walker.found
        let hasMore = objects.count > pageSize
        if hasMore { objects.removeLast(objects.count - pageSize) }
        return LakePage(objects: objects, nextToken: hasMore ? objects.last?.key : nil)
    }

    public func get(_ key: String) async throws -> LakeBlob {
        let url = try fileURL(for: key)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch CocoaError.fileReadNoSuchFile, CocoaError.fileNoSuchFile {
            throw LakeError.notFound(key)
        } catch {
            throw LakeError.io(operation: "read", key: key, message: error.localizedDescription)
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
        let etag = Hex.lowercase(Insecure.MD5.hash(data: data))
        return LakeBlob(key: key, bytes: Array(data), etag: etag, lastModified: modified)
    }

    /// Writes to a temporary file, fsyncs it, renames it into place and fsyncs the folder, so a
    /// crash leaves either the whole object or none, and a returned put survives power loss.
    public func put(_ key: String, bytes: [UInt8], contentType: String) async throws {
        let url = try fileURL(for: key)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".tmp-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw LakeError.io(operation: "create", key: key, message: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: bytes)
                if syncsEachWrite { try handle.synchronize() }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            // rename(2) replaces atomically; FileManager's move refuses an existing target.
            guard rename(temporary.path, url.path) == 0 else {
                throw LakeError.io(operation: "rename", key: key, message: String(cString: strerror(errno)))
            }
            if syncsEachWrite {
                let directory = try FileHandle(forReadingFrom: folder)
                defer { try? directory.close() }
                try directory.synchronize()
            }
        } catch let error as LakeError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw LakeError.io(operation: "write", key: key, message: error.localizedDescription)
        }
    }

    /// The file for a key, refusing keys that could leave the lake folder.
    func fileURL(for key: String) throws(LakeError) -> URL {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.isEmpty, !key.hasPrefix("/"), !key.contains("\0"), !key.contains("\\"),
              !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw LakeError.invalidKey(key)
        }
        return root.appendingPathComponent(key)
    }

    private func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
