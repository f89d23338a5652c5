/// Why the dashboard could not start; the message tells the operator what to fix.
public enum DashboardSetupError: Error, Sendable, CustomStringConvertible {
    case missingDirectory(kind: String, path: String)
    case unreadable(path: String, reason: String)
    case missingTemplate(name: String, directory: String)
    case badTemplate(path: String, reason: String)
    case missingAsset(name: String, directory: String)
    case staticFiles(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingDirectory(let kind, let path):
            return "The dashboard's \(kind) directory was not found at \(path). Run from the project folder or pass its location (--\(kind) / CLICKSTREAM_\(kind.uppercased())_DIR)."
        case .unreadable(let path, let reason):
            return "The dashboard cannot read \(path): \(reason)"
        case .missingTemplate(let name, let directory):
            return "The dashboard template \(name) is missing from \(directory)."
        case .badTemplate(let path, let reason):
            return "The dashboard template \(path) does not parse: \(reason)"
        case .missingAsset(let name, let directory):
            return "The dashboard asset \(name) is missing from \(directory)."
        case .staticFiles(let path, let reason):
            return "The dashboard cannot serve static files from \(path): \(reason)"
        }
    }
}
