import CZlib

/// One-shot gzip (RFC 1952) compression and decompression over zlib.
public enum Gzip {
    /// Compresses `bytes` into one gzip member. `level` is 0 (store) … 9 (smallest), 6 by default.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        guard (0...9).contains(level) || level == -1 else { throw .invalidLevel(level) }
        let stream = try ZStream(.deflate(level: level))
        // Deflate's worst case is a few bytes per 16 KiB block over the input, plus the gzip header/trailer.
        var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 1000 + 64)
        var result: [UInt8] = []
        var offset = 0
        while true {
            let step = stream.step(input: bytes, offset: offset, output: &output, flush: Z_FINISH)
            offset += step.consumed
            result.append(contentsOf: output[0..<step.produced])
            switch step.code {
            case Z_STREAM_END:
                return result
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                throw .zlib(code: step.code, message: stream.message)
            }
        }
    }

    /// Decompresses every concatenated member in `bytes`. Throws `outputLimitExceeded` once the output would
    /// pass `maxOutput` bytes (512 MiB by default), `notGzip`, `truncated`, `corrupt` or `trailingGarbage`.
    public static func decompress(_ bytes: [UInt8], maxOutput: Int = 512 << 20) throws(GzipError) -> [UInt8] {
        guard isGzip(bytes) else { throw bytes.isEmpty ? .truncated : .notGzip }
        let decompressor = try GzipDecompressor(maxOutput: maxOutput)
        let result = try decompressor.decompress(bytes)
        try decompressor.finish()
        return result
    }

    /// Whether `bytes` start with the gzip magic 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }
}
