import Foundation

/// Where raw event files live: an S3 bucket or a local folder, addressed by S3-style keys.
public protocol RawStore: Sendable {
    /// `file:///…/lake` or `s3://bucket/prefix`, for logs and summaries (never holds credentials).
    var location: String { get }
    /// Keys under `prefix` in lexical (byte) order, strictly after `token`, at most 1,000 per page.
    func list(prefix: String, after token: String?) async throws -> LakePage
    /// The object's bytes and ETag (hex MD5 of the bytes for local files, as S3 gives for single-part objects).
    func get(_ key: String) async throws -> LakeBlob
    /// Stores an object durably before returning.
    func put(_ key: String, bytes: [UInt8], contentType: String) async throws
    /// How many small objects one reading task should take in turn. A network read waits on its request, so
    /// each wants a task of its own (the default, 1); a local read is a few syscalls, and for one-event files
    /// a task, a thread hop and a wake-up per object cost more than the read itself.
    var objectsPerReadTask: Int { get }
    /// Reads `keys` in turn: each one's blob or why it could not be read, in order.
    func get(run keys: [String]) async -> [Result<LakeBlob, any Error>]
}

extension RawStore {
    public var objectsPerReadTask: Int { 1 }

    public func get(run keys: [String]) async -> [Result<LakeBlob, any Error>] {
        var blobs: [Result<LakeBlob, any Error>] = []
        for key in keys {
            do { blobs.append(.success(try await get(key))) } catch { blobs.append(.failure(error)) }
        }
        return blobs
    }
}

/// One listed object.
public struct LakeObject: Sendable, Hashable {
    public let key: String
    public let size: Int64
    public let lastModified: Date
    /// Known from the listing on S3; `nil` for local files until they are read.
    public let etag: String?
    /// What a local lake's entry is when it is not a regular file ("symbolic link", "FIFO", …): listed so
    /// the loader can record it as a reject once, never read or followed. Nil for every object to load.
    public let specialFileKind: String?

    public init(key: String, size: Int64, lastModified: Date, etag: String?, specialFileKind: String? = nil) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
        self.specialFileKind = specialFileKind
    }
}

/// A page of a listing; `nextToken` is `nil` on the last page.
public struct LakePage: Sendable {
    public let objects: [LakeObject]
    public let nextToken: String?

    public init(objects: [LakeObject], nextToken: String?) {
        self.objects = objects
        self.nextToken = nextToken
    }
}

/// An object's content.
public struct LakeBlob: Sendable {
    public let key: String
    public let bytes: [UInt8]
    public let etag: String
    public let lastModified: Date

    public init(key: String, bytes: [UInt8], etag: String, lastModified: Date) {
        self.key = key
        self.bytes = bytes
        self.etag = etag
        self.lastModified = lastModified
    }
}

extension RawStore {
    /// Every object under `prefix`, page by page; `body` sees each page once, in key order.
    public func forEachPage(prefix: String, _ body: ([LakeObject]) async throws -> Void) async throws {
        var token: String?
        repeat {
            let page = try await list(prefix: prefix, after: token)
            try await body(page.objects)
            token = page.nextToken
        } while token != nil
    }
}
