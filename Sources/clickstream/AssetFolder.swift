import Foundation

/// Finds Templates/ and Public/: where a flag or variable says, else in the working directory,
/// else beside the executable's build folder (so `.build/release/clickstream serve` works from anywhere).
enum AssetFolder {
    static func locate(_ configured: String?, default name: String) throws -> URL {
        let fileManager = FileManager.default
        if let configured {
            let url = URL(fileURLWithPath: configured).standardizedFileURL
            guard isFolder(url) else { throw ConfigurationError("\(name) folder \(url.path) does not exist") }
            return url
        }
        var candidates = [URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent(name)]
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent(name))
            folder = folder.deletingLastPathComponent()
        }
        guard let found = candidates.first(where: isFolder) else {
            throw ConfigurationError("cannot find the \(name)/ folder (looked in \(candidates.map(\.path).joined(separator: ", "))): run from the project folder or pass --\(name.lowercased())")
        }
        return found.standardizedFileURL
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
