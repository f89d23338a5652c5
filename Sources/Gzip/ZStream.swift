import CZlib

/// Owns one zlib `z_stream` configured for gzip framing.
///
/// Invariant: the `z_stream` lives at a fixed heap address for its whole life (zlib keeps a back-pointer to it),
/// is initialised exactly once in `init` and ended exactly once in `deinit`. `next_in`/`next_out` point into
/// Swift buffers only for the duration of one `step` call; no pointer leaves this type.
final class ZStream {
    enum Mode {
        case deflate(level: Int32)
        case inflate
    }

    /// The outcome of one `step`.
    struct StepResult {
        var consumed: Int
        var produced: Int
        var code: Int32
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let mode: Mode

    /// windowBits 15 + 16 selects the gzip wrapper (RFC 1952) instead of zlib's.
    private static let gzipWindowBits: Int32 = 15 + 16

    init(_ mode: Mode) throws(GzipError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.mode = mode
        let code: Int32 = switch mode {
        case let .deflate(level):
            czlib_deflateInit2(stream, level, Z_DEFLATED, Self.gzipWindowBits, 8, Z_DEFAULT_STRATEGY)
        case .inflate:
            czlib_inflateInit2(stream, Self.gzipWindowBits)
        }
        guard code == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .zlib(code: code, message: "init failed")
        }
    }

    deinit {
        switch mode {
        case .deflate: deflateEnd(stream)
        case .inflate: inflateEnd(stream)
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Feeds `input[offset...]` (at most 1 GiB of it per call, since zlib counts in 32 bits) and writes into
    /// `output`; `flush` is Z_NO_FLUSH or Z_FINISH.
    func step(input: [UInt8], offset: Int, output: inout [UInt8], flush: Int32) -> StepResult {
        let available = min(input.count - offset, 1 << 30)
        return input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.next_in = inputBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0 + offset) }
                stream.pointee.avail_in = uInt(available)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(outputBuffer.count)
                let code: Int32 = switch mode {
                case .deflate: deflate(stream, flush)
                case .inflate: inflate(stream, flush)
                }
                let result = StepResult(
                    consumed: available - Int(stream.pointee.avail_in),
                    produced: outputBuffer.count - Int(stream.pointee.avail_out),
                    code: code)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return result
            }
        }
    }

    /// Starts a new member after Z_STREAM_END (concatenated gzip members).
    func reset() {
        switch mode {
        case .deflate: _ = deflateReset(stream)
        case .inflate: _ = inflateReset(stream)
        }
    }

    /// zlib's message for the last error, if any.
    var message: String {
        stream.pointee.msg.map { String(cString: $0) } ?? "unknown error"
    }
}
