import Foundation
import Lake
import Synchronization

/// A lake whose `get` fails for chosen keys, to play an object that cannot be read (yet).
final class FlakyStore: RawStore {
    struct Unreadable: Error {}

    let base: any RawStore
    private let failing: Mutex<Set<String>>

    init(base: any RawStore, failing: Set<String>) {
        self.base = base
        self.failing = Mutex(failing)
    }

    func heal() { failing.withLock { $0.removeAll() } }

    var location: String { base.location }

    func list(prefix: String, after token: String?) async throws -> LakePage {
        try await base.list(prefix: prefix, after: token)
    }

    func get(_ key: String) async throws -> LakeBlob {
        if failing.withLock({ $0.contains(key) }) { throw Unreadable() }
        return try await base.get(key)
    }

    func put(_ key: String, bytes: [UInt8], contentType: String) async throws {
        try await base.put(key, bytes: bytes, contentType: contentType)
    }
}
