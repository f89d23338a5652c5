import CSnappy

/// One-shot Snappy block compression (the raw format Parquet pages use, not the framing format).
public enum Snappy {
    /// Compresses `bytes` into one Snappy block.
    public static func compress(_ bytes: [UInt8]) throws(SnappyError) -> [UInt8] {
        var capacity = snappy_max_compressed_length(bytes.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                input.withMemoryRebound(to: CChar.self) { source in
                    out.withMemoryRebound(to: CChar.self) { target in
                        snappy_compress(source.baseAddress, source.count, target.baseAddress, &capacity)
                    }
                }
            }
        }
        guard status == SNAPPY_OK else { throw .failed(operation: "compress", status: Int(status.rawValue)) }
        output.removeLast(output.count - capacity)
        return output
    }

    /// Decompresses one Snappy block. Throws when the block is corrupt or would pass `maxOutput` bytes.
    public static func decompress(_ bytes: [UInt8], maxOutput: Int = 1 << 30) throws(SnappyError) -> [UInt8] {
        var length = 0
        let sized = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { snappy_uncompressed_length($0.baseAddress, $0.count, &length) }
        }
        guard sized == SNAPPY_OK else { throw .corrupt }
        guard length <= maxOutput else { throw .outputLimitExceeded(limit: maxOutput) }
        var output = [UInt8](repeating: 0, count: length)
        var produced = length
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                input.withMemoryRebound(to: CChar.self) { source in
                    out.withMemoryRebound(to: CChar.self) { target in
                        snappy_uncompress(source.baseAddress, source.count, target.baseAddress, &produced)
                    }
                }
            }
        }
        guard status == SNAPPY_OK, produced == length else { throw .corrupt }
        return output
    }
}

/// Why Snappy compression or decompression failed.
public enum SnappyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is not a valid Snappy block.
    case corrupt
    /// The block says it decompresses to more than the caller's bound.
    case outputLimitExceeded(limit: Int)
    /// The library reported a status it should not (out of buffer space).
    case failed(operation: String, status: Int)

    public var description: String {
        switch self {
        case .corrupt: "snappy data is corrupt"
        case let .outputLimitExceeded(limit): "snappy data decompresses to more than \(limit) bytes"
        case let .failed(operation, status): "snappy \(operation) failed with status \(status)"
        }
    }
}
