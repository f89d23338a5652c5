import Lake

/// A lake that takes `delay` to fail every write: a store that is down but not refusing at once.
struct StalledLake: RawStore {
    let delay: Duration
    var location: String { "stalled://" }
    func list(prefix: String, after token: String?) async throws -> LakePage { LakePage(objects: [], nextToken: nil) }
    func get(_ key: String) async throws -> LakeBlob { throw LakeError.notFound(key) }
    func put(_ key: String, bytes: [UInt8], contentType: String) async throws {
        try await Task.sleep(for: delay)
        throw LakeError.io(operation: "put", key: key, message: "stalled lake")
    }
}
