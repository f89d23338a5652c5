/// Why compressing or decompressing failed.
public enum GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input does not start with the gzip magic bytes 1f 8b.
    case notGzip
    /// The input ended inside a gzip member.
    case truncated
    /// zlib rejected the data (bad header, bad CRC, invalid deflate stream); carries zlib's message.
    case corrupt(String)
    /// Bytes after the last member that are not another gzip member.
    case trailingGarbage
    /// The decompressed size would exceed the caller's bound (a gzip bomb, or a bound set too low).
    case outputLimitExceeded(limit: Int)
    /// The compression level is outside 0...9 (or -1 for zlib's default).
    case invalidLevel(Int32)
    /// zlib could not allocate memory or reported an unexpected code.
    case zlib(code: Int32, message: String)

    public var description: String {
        switch self {
        case .notGzip: "not gzip data (missing 1f 8b magic)"
        case .truncated: "gzip data is truncated"
        case let .corrupt(message): "gzip data is corrupt: \(message)"
        case .trailingGarbage: "unexpected bytes after the last gzip member"
        case let .outputLimitExceeded(limit): "decompressed data exceeds the limit of \(limit) bytes"
        case let .invalidLevel(level): "invalid gzip level \(level) (use 0...9)"
        case let .zlib(code, message): "zlib error \(code): \(message)"
        }
    }
}
