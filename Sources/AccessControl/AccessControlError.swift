/// Why the tokens file cannot be used or written; each says where and what to do, never a token or a hash.
public enum AccessControlError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, problem: String)
    case invalidName(String)
    case duplicateName(path: String, name: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read the access tokens file \(path): \(reason)"
        case let .malformed(path, line, problem):
            "\(path) line \(line): \(problem); each line is `name scope sha256:<64 hex digits>` (scope all or api), "
                + "made by `clickstream token add`"
        case let .invalidName(name):
            "token name \"\(name)\" is not allowed: use 1 to 64 letters, digits, '.', '_' or '-'"
        case let .duplicateName(path, name):
            "\(path) already has a token named \(name): remove its line first, or choose another name"
        case let .unwritable(path, reason):
            "cannot write the access tokens file \(path): \(reason)"
        }
    }
}
