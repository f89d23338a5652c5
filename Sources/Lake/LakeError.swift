/// A failure reading or writing the lake, naming the key or location involved.
public enum LakeError: Error, Sendable, CustomStringConvertible {
    /// The key is empty, absolute, contains `..`, a NUL or a backslash: it could escape the lake.
    case invalidKey(String)
    /// No object under this key.
    case notFound(String)
    /// The lake folder is missing or is not a folder.
    case missingRoot(String)
    /// The S3 bucket does not exist (or is not visible with these credentials).
    case missingBucket(String)
    /// The operating system refused a read or write.
    case io(operation: String, key: String, message: String)

    public var description: String {
        switch self {
        case .invalidKey(let key): "invalid lake key \(key.debugDescription): keys are relative paths without '..'"
        case .notFound(let key): "no lake object at \(key)"
        case .missingRoot(let path): "the lake folder \(path) does not exist: create it or set LAKE_DIR"
        case .missingBucket(let bucket): "the S3 bucket \(bucket) does not exist (NoSuchBucket): create it or set RAW_BUCKET"
        case .io(let operation, let key, let message): "lake \(operation) failed for \(key): \(message)"
        }
    }

    /// True for what only a change of configuration mends (no bucket, no credentials), not an outage.
    public var isConfigurationProblem: Bool {
        switch self {
        case .missingBucket, .missingRoot: true
        case .io(let operation, _, _): operation == "credentials"
        case .invalidKey, .notFound: false
        }
    }
}
