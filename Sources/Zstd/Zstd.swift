import CZstd

/// One-shot Zstandard compression into single frames (what Parquet's ZSTD codec holds per page).
public enum Zstd {
    /// The levels libzstd accepts (negative levels are its fast modes); 3 is its default.
    public static var levels: ClosedRange<Int32> { ZSTD_minCLevel()...ZSTD_maxCLevel() }

    /// Compresses `bytes` into one frame that records its content size.
    public static func compress(_ bytes: [UInt8], level: Int32 = 3) throws(ZstdError) -> [UInt8] {
        guard levels.contains(level) else { throw .invalidLevel(level) }
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let written = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                ZSTD_compress(out.baseAddress, out.count, input.baseAddress, input.count, level)
            }
        }
        if ZSTD_isError(written) != 0 { throw .library(Self.name(of: written)) }
        output.removeLast(output.count - written)
        return output
    }

    /// Decompresses one frame that records its content size, up to `maxOutput` bytes.
    public static func decompress(_ bytes: [UInt8], maxOutput: Int = 1 << 30) throws(ZstdError) -> [UInt8] {
        let size = bytes.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest values; every real size is below them.
        guard size < UInt64.max - 1 else { throw .corrupt }
        guard size <= UInt64(maxOutput) else { throw .outputLimitExceeded(limit: maxOutput) }
        var output = [UInt8](repeating: 0, count: Int(size))
        let produced = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                ZSTD_decompress(out.baseAddress, out.count, input.baseAddress, input.count)
            }
        }
        guard ZSTD_isError(produced) == 0, produced == Int(size) else { throw .corrupt }
        return output
    }

    private static func name(of code: Int) -> String {
        guard let name = ZSTD_getErrorName(code) else { return "code \(code)" }
        return String(cString: name)
    }
}

/// Why Zstandard compression or decompression failed.
public enum ZstdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The level is outside what libzstd accepts (`Zstd.levels`).
    case invalidLevel(Int32)
    /// The input is not one complete frame with its content size.
    case corrupt
    /// The frame says it decompresses to more than the caller's bound.
    case outputLimitExceeded(limit: Int)
    /// libzstd refused, with its message.
    case library(String)

    public var description: String {
        switch self {
        case let .invalidLevel(level): "invalid zstd level \(level) (use \(Zstd.levels.lowerBound)...\(Zstd.levels.upperBound))"
        case .corrupt: "zstd data is corrupt or does not record its size"
        case let .outputLimitExceeded(limit): "zstd data decompresses to more than \(limit) bytes"
        case let .library(message): "zstd failed: \(message)"
        }
    }
}
