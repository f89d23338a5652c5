import Foundation

/// Depth-first walk of a lake folder in byte order of keys, skipping whole folders that sort
/// before the resume token, so each page costs about one page of work.
struct LocalLakeWalker {
    let rootPath: String
    let prefix: String
    let after: String?
    let limit: Int
    var found: [LakeObject] = []

    init(rootPath: String, prefix: String, after: String?, limit: Int) {
        self.rootPath = rootPath
        self.prefix = prefix
        self.after = after
        self.limit = limit
    }

    /// Walks `folder` (a key prefix ending in "/" or empty for the root).
    mutating func walk(folder: String) throws {
        let path = folder.isEmpty ? rootPath : rootPath + "/" + folder.dropLast()
        guard let names = LocalFile.names(in: path) else {
            if folder.isEmpty { throw LakeError.io(operation: "list", key: folder, message: "cannot read the folder \(path)") }
            return  // a folder under the prefix that does not exist holds nothing
        }
        for name in names.sorted(by: Self.precedes) where !name.hasPrefix(".") {
            guard found.count < limit else { return }
            let key = folder + name
            switch LocalFile.kind(of: path + "/" + name) {
            case .folder:
                let child = key + "/"
                guard overlapsPrefix(child) else { continue }
                // Skip folders whose every key sorts at or before the token.
                if let after, !after.hasPrefix(child), !Self.precedes(after, child) { continue }
                try walk(folder: child)
            case .file(let size, let modified):
                guard key.hasPrefix(prefix) else { continue }
                if let after, !Self.precedes(after, key) { continue }
                found.append(LakeObject(key: key, size: size, lastModified: modified, etag: nil))
            case .other:
                continue
            }
        }
    }

    /// A folder matters when the prefix lies inside it or it lies inside the prefix.
    private func overlapsPrefix(_ folder: String) -> Bool {
        folder.hasPrefix(prefix) || prefix.hasPrefix(folder)
    }

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        KeyOrder.precedes(lhs, rhs)
    }
}
