import CZlib

/// Streaming gunzip: feed chunks as they arrive, get decompressed bytes back, call `finish()` at the end.
/// Handles concatenated members and enforces a bound on the total output. Not Sendable: one owner at a time.
public final class GzipDecompressor {
    private let stream: ZStream
    private let maxOutput: Int
    private var totalOutput = 0
    /// Whether the last member ended exactly at the end of the input so far.
    private var isAtMemberBoundary = true
    /// Bytes of a possible next member's header seen after a member ended (need two to check the magic).
    private var pendingAfterMember: [UInt8] = []
    private static let chunkSize = 64 * 1024

    public init(maxOutput: Int = 512 << 20) throws(GzipError) {
        stream = try ZStream(.inflate)
        self.maxOutput = maxOutput
    }

    /// Decompresses `chunk`, returning what it yields (possibly nothing yet).
    public func decompress(_ chunk: [UInt8]) throws(GzipError) -> [UInt8] {
        var input = chunk
        if !pendingAfterMember.isEmpty {
            input = pendingAfterMember + chunk
            pendingAfterMember = []
        }
        var offset = 0
        var result: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: Self.chunkSize)
        // zlib may hold output back when `scratch` fills, so keep stepping until it no longer fills.
        var outputWasFull = false
        while offset < input.count || outputWasFull {
            if isAtMemberBoundary {
                if offset == input.count {
                    break
                }
                // A new member must start with the magic; checking it here turns garbage into a clear error.
                if input.count - offset < 2 {
                    pendingAfterMember = Array(input[offset...])
                    return result
                }
                guard input[offset] == 0x1f && input[offset + 1] == 0x8b else {
                    throw totalOutput == 0 && result.isEmpty ? .notGzip : .trailingGarbage
                }
                isAtMemberBoundary = false
            }
            let step = stream.step(input: input, offset: offset, output: &scratch, flush: Z_NO_FLUSH)
            offset += step.consumed
            outputWasFull = step.produced == scratch.count
            totalOutput += step.produced
            guard totalOutput <= maxOutput else { throw .outputLimitExceeded(limit: maxOutput) }
            result.append(contentsOf: scratch[0..<step.produced])
            switch step.code {
            case Z_OK:
                continue
            case Z_STREAM_END:
                stream.reset()
                isAtMemberBoundary = true
            case Z_BUF_ERROR:
                // No progress possible: all input consumed and output drained; wait for more input.
                if step.consumed == 0 && step.produced == 0 {
                    return result
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw .corrupt(stream.message)
            default:
                throw .zlib(code: step.code, message: stream.message)
            }
        }
        return result
    }

    /// Checks that the input ended on a member boundary; throws `truncated` otherwise.
    public func finish() throws(GzipError) {
        guard isAtMemberBoundary, pendingAfterMember.isEmpty else {
            throw pendingAfterMember.isEmpty ? .truncated : .trailingGarbage
        }
    }
}
