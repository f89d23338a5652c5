import PercentEncoding

/// Decodes a chunked request body (RFC 9112 §7.1) incrementally; chunk extensions and trailers are discarded.
struct ChunkedBodyDecoder {
    private enum State {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers
    }

    private var state = State.size
    private let maxLineBytes: Int
    private var trailerBytes = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Consumes from `buffer[offset...]`, appending data to `body`. Returns true when the last chunk and the
    /// trailer section are complete.
    mutating func decode(
        _ buffer: [UInt8], from offset: inout Int, into body: inout [UInt8], maxBody: Int
    ) throws(HTTPParseError) -> Bool {
        while true {
            switch state {
            case .size:
                guard let line = try takeLine(buffer, from: &offset) else { return false }
                let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
                let digits = sizeText.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
                guard !digits.isEmpty, digits.count <= 15 else { throw .invalidChunk }
                var size = 0
                for byte in digits {
                    guard let value = PercentDecoding.hexValue(byte) else { throw .invalidChunk }
                    size = size << 4 | Int(value)
                }
                guard body.count + size <= maxBody else { throw .bodyTooLarge }
                state = size == 0 ? .trailers : .data(remaining: size)
            case let .data(remaining):
                let take = min(remaining, buffer.count - offset)
                body.append(contentsOf: buffer[offset..<(offset + take)])
                offset += take
                guard take == remaining else {
                    state = .data(remaining: remaining - take)
                    return false
                }
                state = .dataEnd
            case .dataEnd:
                guard buffer.count - offset >= 2 else { return false }
                guard buffer[offset] == 13, buffer[offset + 1] == 10 else { throw .invalidChunk }
                offset += 2
                state = .size
            case .trailers:
                guard let line = try takeLine(buffer, from: &offset) else { return false }
                trailerBytes += line.count + 2
                guard trailerBytes <= maxLineBytes * 4 else { throw .headerBlockTooLarge }
                if line.isEmpty {
                    return true
                }
            }
        }
    }

    /// The next CRLF-terminated line, or nil if it has not fully arrived; lines are capped at `maxLineBytes`.
    private func takeLine(_ buffer: [UInt8], from offset: inout Int) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        var index = offset
        while index < buffer.count {
            if buffer[index] == 10 {
                guard index > offset, buffer[index - 1] == 13 else { throw .invalidChunk }
                let line = buffer[offset..<(index - 1)]
                offset = index + 1
                return line
            }
            index += 1
            guard index - offset <= maxLineBytes else { throw .invalidChunk }
        }
        return nil
    }
}
