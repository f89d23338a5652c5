import Snappy
import Zstd

/// The codec that compresses every page of a file (parquet.thrift `CompressionCodec`).
public enum ParquetCompression: Sendable, Equatable, CustomStringConvertible {
    case uncompressed
    /// Snappy: the codec every Parquet reader has, and the usual default.
    case snappy
    /// Zstandard at `level` (3 is libzstd's default): smaller files, a little more CPU.
    case zstd(level: Int32)

    /// The codec id written in each column chunk's metadata.
    var codecID: Int32 {
        switch self {
        case .uncompressed: 0
        case .snappy: 1
        case .zstd: 6
        }
    }

    public var description: String {
        switch self {
        case .uncompressed: "uncompressed"
        case .snappy: "snappy"
        case .zstd(let level): "zstd (level \(level))"
        }
    }

    func compress(_ bytes: [UInt8]) throws(ParquetError) -> [UInt8] {
        do {
            switch self {
            case .uncompressed: return bytes
            case .snappy: return try Snappy.compress(bytes)
            case .zstd(let level): return try Zstd.compress(bytes, level: level)
            }
        } catch {
            throw .compression("\(error)")
        }
    }
}
