import Synchronization

/// An object written piece by piece that appears under its key whole at `commit()`, replacing what was
/// there in one step, or not at all: readers of the key never see part of it. Write, then commit or abort,
/// from one task at a time.
public protocol LakeUpload: Sendable {
    /// The object's key.
    var key: String { get }
    /// Appends bytes to the object.
    func write(_ bytes: [UInt8]) async throws
    /// Makes the object visible under its key (durably on disk, or as one S3 object).
    func commit() async throws
    /// Drops what was written; the key keeps what it held before. Never throws: a leftover is cleaned later.
    func abort() async
}

extension RawStore {
    /// The default for stores that cannot stream: the bytes are held in memory and `put` at commit.
    public func startUpload(_ key: String, contentType: String) async throws -> any LakeUpload {
        BufferedUpload(store: self, key: key, contentType: contentType)
    }

    public func discardAbandonedUploads(under prefix: String) async throws {}
}

/// `startUpload` for stores without a streaming form: one `put` of everything at commit.
final class BufferedUpload: LakeUpload {
    let store: any RawStore
    let key: String
    let contentType: String
    private let buffer = Mutex<[UInt8]>([])

    init(store: any RawStore, key: String, contentType: String) {
        self.store = store
        self.key = key
        self.contentType = contentType
    }

    func write(_ bytes: [UInt8]) async throws {
        buffer.withLock { $0.append(contentsOf: bytes) }
    }

    func commit() async throws {
        try await store.put(key, bytes: buffer.withLock { $0 }, contentType: contentType)
    }

    func abort() async {
        buffer.withLock { $0 = [] }
    }
}
