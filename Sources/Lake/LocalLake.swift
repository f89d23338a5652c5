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

    /// `root` as a path without a trailing slash, joined to keys by plain concatenation.
    let rootPath: String

    public init(root: URL, pageSize: Int = 1_000, syncsEachWrite: Bool = true) {
        self.root = root.standardizedFileURL
        let path = self.root.path
        self.rootPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
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

    /// Reads are a few syscalls each: one task reads a run of small files in turn (see `RawStore`).
    public var objectsPerReadTask: Int { 64 }

    public func list(prefix: String, after token: String?) async throws -> LakePage {
        guard LocalFile.isFolder(rootPath) else { throw LakeError.missingRoot(rootPath) }
        // Start from the deepest folder the prefix names; the rest of the prefix filters names.
        let base = prefix.contains("/") ? String(prefix[..<(prefix.lastIndex(of: "/").map { prefix.index(after: $0) } ?? prefix.startIndex)]) : ""
        var walker = LocalLakeWalker(rootPath: rootPath, prefix: prefix, after: token, limit: pageSize + 1)
        try walker.walk(folder: base)
        var objects = walker.found
        let hasMore = objects.count > pageSize
        if hasMore { objects.removeLast(objects.count - pageSize) }
        return LakePage(objects: objects, nextToken: hasMore ? objects.last?.key : nil)
    }

    /// One `open`/`fstat`/`read`/`close` and an MD5; no Foundation on this path (it was most of the
    /// time of loading many small files).
    public func get(_ key: String) async throws -> LakeBlob {
        try read(key)
    }

    /// One thread for every run's reads: runs side by side on threads of their own contended with decoding
    /// for the cores (more CPU, more memory, slower loads).
    private static let readQueue = DispatchQueue(label: "clickstream.lake.read")

    /// The run's files off Swift's cooperative threads, in one hop: file reads block (a cold lake waits on the
    /// disk), and on the cooperative threads they would hold up every other task of the process (in `serve`,
    /// the dashboard's), while a hop per file would cost more than reading a small one.
    public func get(run keys: [String]) async -> [Result<LakeBlob, any Error>] {
        await withCheckedContinuation { continuation in
            Self.readQueue.async {
                continuation.resume(returning: read(run: keys))
            }
        }
    }

    private func read(_ key: String) throws -> LakeBlob {
        let (bytes, modified) = try LocalFile.read(path: try filePath(for: key), key: key)
        return blob(key, bytes, modified)
    }

    /// Reads keys in turn, each file opened relative to its folder, which stays open while the next keys
    /// share it (keys come sorted, so a run of one-event files is mostly one folder).
    private func read(run keys: [String]) -> [Result<LakeBlob, any Error>] {
        var folder: (key: Substring.UTF8View, handle: LocalFile.Folder?)?
        return keys.map { key in
            Result {
                try Self.validate(key)
                let slash = key.utf8.lastIndex(of: UInt8(ascii: "/"))
                let folderKey = key.utf8[..<(slash ?? key.utf8.startIndex)]
                if folder.map({ !$0.key.elementsEqual(folderKey) }) ?? true {
                    folder = (folderKey, LocalFile.Folder(path: slash == nil ? rootPath : rootPath + "/" + Substring(folderKey)))
                }
                guard let handle = folder?.handle else {
                    return try read(key)  // the folder cannot be opened: the read by path says why (missing, not allowed)
                }
                let nameOffset = slash.map { key.utf8.distance(from: key.utf8.startIndex, to: $0) + 1 } ?? 0
                let (bytes, modified) = try handle.read(key: key, nameOffset: nameOffset)
                return blob(key, bytes, modified)
            }
        }
    }

    private func blob(_ key: String, _ bytes: [UInt8], _ modified: Date) -> LakeBlob {
        LakeBlob(key: key, bytes: bytes, etag: Hex.lowercase(Insecure.MD5.hash(data: bytes)), lastModified: modified)
    }

    /// Writes to a temporary file, fsyncs it, renames it into place and fsyncs the folder (an upload in one
    /// piece), so a crash leaves either the whole object or none, and a returned put survives power loss.
    public func put(_ key: String, bytes: [UInt8], contentType: String) async throws {
        let upload = try await startUpload(key, contentType: contentType)
        do {
            try await upload.write(bytes)
            try await upload.commit()
        } catch {
            await upload.abort()
            throw error
        }
    }

    /// The file for a key, refusing keys that could leave the lake folder.
    func fileURL(for key: String) throws(LakeError) -> URL {
        try Self.validate(key)
        return root.appendingPathComponent(key)
    }

    /// The file's path for a key, built without URL (which showed in the profile of small-file loads).
    func filePath(for key: String) throws(LakeError) -> String {
        try Self.validate(key)
        return rootPath + "/" + key
    }

    /// Refuses the empty key, absolute keys, NUL, backslash, and empty, `.` or `..` segments.
    static func validate(_ key: String) throws(LakeError) {
        var segmentLength = 0, dots = 0, isValid = !key.isEmpty
        for byte in key.utf8 where isValid {
            switch byte {
            case 0x00, 0x5C: isValid = false
            case 0x2F:
                isValid = segmentLength > 0 && !(dots == segmentLength && dots <= 2)
                segmentLength = 0
                dots = 0
            default:
                segmentLength += 1
                if byte == 0x2E { dots += 1 }
            }
        }
        guard isValid, segmentLength > 0, !(dots == segmentLength && dots <= 2) else { throw LakeError.invalidKey(key) }
    }
}
