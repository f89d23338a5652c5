import Foundation

/// Depth-first walk of a lake folder in byte order of keys, skipping whole folders that sort
/// before the resume token, so each page costs about one page of work.
struct LocalLakeWalker {
    let root: URL
    let prefix: String
    let after: String?
    let limit: Int
    var found: [LakeObject] = []

    init(root: URL, prefix: String, after: String?, limit: Int) {
        self.root = root
        self.prefix = prefix
        self.after = after
        self.limit = limit
    }

    /// Walks `folder` (a key prefix ending in "/" or empty for the root).
    mutating func walk(folder: String) throws {
        let path = folder.isEmpty ? root.path : root.appendingPathComponent(folder).path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            if folder.isEmpty { throw LakeError.io(operation: "list", key: folder, message: error.localizedDescription) }
            return  // a folder under the prefix that does not exist holds nothing
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            guard found.count < limit else { return }
            let key = folder + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
            if attributes?[.type] as? FileAttributeType == .typeDirectory {
                let child = key + "/"
                guard overlapsPrefix(child) else { continue }
                // Skip folders whose every key sorts at or before the token.
                if let after, !after.hasPrefix(child), !Self.precedes(after, child) { continue }
                try walk(folder: child)
            } else if attributes?[.type] as? FileAttributeType == .typeRegular {
                guard key.hasPrefix(prefix) else { continue }
                if let after, !Self.precedes(after, key) { continue }
                let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
                let modified = attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
                found.append(LakeObject(key: key, size: size, lastModified: modified, etag: nil))
            }
        }
    }

    /// A folder matters when the prefix lies inside it or it lies inside the prefix.
    private func overlapsPrefix(_ folder: String) -> Bool {
        folder.hasPrefix(prefix) || prefix.hasPrefix(folder)
    }

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
