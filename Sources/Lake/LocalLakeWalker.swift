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

    /// Walks `folder` (a key prefix ending in "/" or empty for the root). Only entries the page returns are
    /// `stat`ed: entries before the token, and folders `readdir` names as such, cost no syscall. Symbolic
    /// links, FIFOs, sockets and devices are listed with their kind, never followed into.
    mutating func walk(folder: String) throws {
        let path = folder.isEmpty ? rootPath : rootPath + "/" + folder.dropLast()
        guard let directory = LocalFile.Folder(path: path) else {
            if folder.isEmpty { throw LakeError.io(operation: "list", key: folder, message: "cannot read the folder \(path)") }
            return  // a folder under the prefix that does not exist holds nothing
        }
        for (name, type) in directory.entries().sorted(by: { Self.precedes($0.name, $1.name) }) where !name.hasPrefix(".") {
            guard found.count < limit else { return }
            let key = folder + name
            // Where the file system leaves d_type unknown, a stat says (and a returned file gets another).
            let resolved = type == .unknown ? directory.type(of: name) : type
            switch resolved {
            case .folder:
                try walk(child: key + "/")
            case .file:
                guard key.hasPrefix(prefix), isAfterToken(key),
                      case .file(let size, let modified) = directory.kind(of: name) else { continue }
                found.append(LakeObject(key: key, size: size, lastModified: modified, etag: nil))
            case .other, .unknown:
                // Listed (never read or followed) so the loader records it once as not_a_regular_file.
                guard key.hasPrefix(prefix), isAfterToken(key),
                      case .special(let kind, let modified) = directory.kind(of: name) else { continue }
                found.append(LakeObject(key: key, size: 0, lastModified: modified, etag: nil, specialFileKind: kind))
            }
        }
    }

    /// Walks a child folder unless it lies outside the prefix or every key in it sorts at or before the token.
    private mutating func walk(child: String) throws {
        guard overlapsPrefix(child) else { return }
        if let after, !after.hasPrefix(child), !Self.precedes(after, child) { return }
        try walk(folder: child)
    }

    private func isAfterToken(_ key: String) -> Bool {
        after.map { Self.precedes($0, key) } ?? true
    }

    /// A folder matters when the prefix lies inside it or it lies inside the prefix.
    private func overlapsPrefix(_ folder: String) -> Bool {
        folder.hasPrefix(prefix) || prefix.hasPrefix(folder)
    }

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        KeyOrder.precedes(lhs, rhs)
    }
}
