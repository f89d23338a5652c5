import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

extension LocalLake {
    /// Streams into a hidden temporary file beside the key's file (`.tmp-…`, skipped by listings and by
    /// engines' globs); commit fsyncs it, renames it over the key and fsyncs the folder, like `put`.
    public func startUpload(_ key: String, contentType: String) async throws -> any LakeUpload {
        let url = try fileURL(for: key)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent("\(LocalUpload.temporaryPrefix)\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw LakeError.io(operation: "create", key: key, message: "cannot create \(temporary.path)")
            }
            return LocalUpload(key: key, target: url, temporary: temporary, handle: try FileHandle(forWritingTo: temporary),
                               syncs: syncsEachWrite)
        } catch let error as LakeError {
            throw error
        } catch {
            throw LakeError.io(operation: "create", key: key, message: error.localizedDescription)
        }
    }

    /// Deletes the temporary files of uploads that a killed process left in the folders under `prefix`. Only
    /// for a prefix that one writer at a time uploads to (the export holds a lock): another's upload in
    /// progress would be cut short.
    public func discardAbandonedUploads(under prefix: String) async throws {
        let base = try fileURL(for: prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in walker where url.lastPathComponent.hasPrefix(LocalUpload.temporaryPrefix) {
            try? FileManager.default.removeItem(at: url)
        }
    }
}

/// A local upload in progress: the open temporary file, until commit or abort closes it.
final class LocalUpload: LakeUpload {
    static let temporaryPrefix = ".tmp-"

    let key: String
    private let target: URL
    private let temporary: URL
    private let syncs: Bool
    /// The open file; nil once committed or aborted.
    private let handle: Mutex<FileHandle?>

    init(key: String, target: URL, temporary: URL, handle: FileHandle, syncs: Bool) {
        self.key = key
        self.target = target
        self.temporary = temporary
        self.syncs = syncs
        self.handle = Mutex(handle)
    }

    func write(_ bytes: [UInt8]) async throws {
        try handle.withLock { handle in
            guard let handle else { throw LakeError.io(operation: "write", key: key, message: "the upload is closed") }
            do { try handle.write(contentsOf: bytes) } catch {
                throw LakeError.io(operation: "write", key: key, message: error.localizedDescription)
            }
        }
    }

    func commit() async throws {
        guard let file = handle.withLock({ $0.take() }) else {
            throw LakeError.io(operation: "commit", key: key, message: "the upload is closed")
        }
        do {
            if syncs { try file.synchronize() }
            try file.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw LakeError.io(operation: "rename", key: key, message: String(cString: strerror(errno)))
            }
            if syncs {
                let directory = try FileHandle(forReadingFrom: target.deletingLastPathComponent())
                defer { try? directory.close() }
                try directory.synchronize()
            }
        } catch let error as LakeError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw LakeError.io(operation: "commit", key: key, message: error.localizedDescription)
        }
    }

    func abort() async {
        if let file = handle.withLock({ $0.take() }) { try? file.close() }
        try? FileManager.default.removeItem(at: temporary)
    }
}
