/// Incremental HTTP/1.1 request parser over a byte buffer. The connection appends bytes to `buffer` and calls
/// `next()` until it returns nil (more bytes needed); pipelined requests come out one at a time, in order.
/// Every cap is checked before more bytes are buffered for it, so memory per connection stays bounded.
struct HTTPRequestParser {
    /// The parser's caps; `HTTPServer.Configuration` documents the defaults.
    struct Limits: Sendable {
        var maxRequestLineBytes: Int
        var maxHeaderBytes: Int
        var maxHeaderCount: Int
        var maxBodyBytes: Int
    }

    struct Parsed {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    private enum State {
        case head
        case fixedBody(HTTPRequestHead, remaining: Int)
        case chunkedBody(HTTPRequestHead, ChunkedBodyDecoder)
    }

    let limits: Limits
    /// Received bytes; `start` marks the first one not yet consumed.
    var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the end of the head resumes, so a slow client does not cost quadratic scanning.
    private var scanFrom = 0
    private var state = State.head
    private var body: [UInt8] = []

    init(limits: Limits) {
        self.limits = limits
    }

    /// Whether bytes of a request have arrived that are not yet a complete request.
    var isMidRequest: Bool {
        if case .head = state { return start < buffer.count }
        return true
    }

    /// The head of a request whose body is still expected and which asked for `100 Continue`.
    var headAwaitingBody: HTTPRequestHead? {
        switch state {
        case let .fixedBody(head, _) where body.isEmpty: head
        case let .chunkedBody(head, _) where body.isEmpty: head
        default: nil
        }
    }

    /// The next complete request, or nil if more bytes are needed.
    mutating func next() throws(HTTPParseError) -> Parsed? {
        while true {
            switch state {
            case .head:
                guard let head = try parseHead() else {
                    compact()
                    return nil
                }
                switch head.framing {
                case .none: return Parsed(head: head, body: [])
                case let .length(length): state = .fixedBody(head, remaining: length)
                case .chunked: state = .chunkedBody(head, ChunkedBodyDecoder(maxLineBytes: limits.maxRequestLineBytes))
                }
            case let .fixedBody(head, remaining):
                let take = min(remaining, buffer.count - start)
                body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                guard take == remaining else {
                    state = .fixedBody(head, remaining: remaining - take)
                    compact()
                    return nil
                }
                return finish(head)
            case .chunkedBody(let head, var decoder):
                let isDone = try decoder.decode(buffer, from: &start, into: &body, maxBody: limits.maxBodyBytes)
                guard isDone else {
                    state = .chunkedBody(head, decoder)
                    compact()
                    return nil
                }
                return finish(head)
            }
        }
    }

    private mutating func finish(_ head: HTTPRequestHead) -> Parsed {
        state = .head
        scanFrom = start
        defer { body = [] }
        return Parsed(head: head, body: body)
    }

    /// Parses the head once `CRLF CRLF` has arrived; enforces the line and block caps before that.
    private mutating func parseHead() throws(HTTPParseError) -> HTTPRequestHead? {
        // RFC 9112 §2.2: ignore empty lines before a request line.
        while buffer.count - start >= 2 && buffer[start] == 13 && buffer[start + 1] == 10 {
            start += 2
        }
        scanFrom = max(scanFrom, start)
        var index = scanFrom
        var end: Int?
        // Every byte of the head is looked at once: a bare LF or CR fails at once (it could only end in a 408
        // otherwise, since CRLF CRLF may never come), and the first CRLF CRLF ends the head.
        while index < buffer.count {
            let byte = buffer[index]
            let previous = index > start ? buffer[index - 1] : 0
            if byte == 10 {
                guard previous == 13 else { throw .bareLineEnding }
                if index - start >= 3 && buffer[index - 2] == 10 && buffer[index - 3] == 13 {
                    end = index - 3
                    break
                }
            } else if previous == 13 {
                throw .bareLineEnding
            }
            index += 1
        }
        let lineEnd = firstLineEnd()
        if let lineEnd, lineEnd - start > limits.maxRequestLineBytes {
            throw .requestLineTooLong
        }
        guard let end else {
            scanFrom = buffer.count
            // Judge only what is certain however the rest arrives: the last byte may be the CR of the first
            // line end, and the last three the start of the final CRLF CRLF (the fuzzer checks this agreement).
            if lineEnd == nil, buffer.count - 1 - start > limits.maxRequestLineBytes {
                throw .requestLineTooLong
            }
            if let lineEnd, buffer.count - 3 - lineEnd > limits.maxHeaderBytes {
                throw .headerBlockTooLarge
            }
            return nil
        }
        // `firstLineEnd` only looks `maxRequestLineBytes` ahead: no line end there means the line is too long,
        // also when the whole head arrived in one read.
        guard let lineEnd else { throw .requestLineTooLong }
        if end - lineEnd > limits.maxHeaderBytes {
            throw .headerBlockTooLarge
        }
        let lines = try Self.splitLines(buffer[start..<end])
        start = end + 4
        scanFrom = start
        return try HTTPRequestHead.parse(lines: lines, limits: limits)
    }

    private func firstLineEnd() -> Int? {
        var index = start + 1
        let limit = min(buffer.count, start + limits.maxRequestLineBytes + 2)
        while index < limit {
            if buffer[index] == 10 && buffer[index - 1] == 13 { return index - 1 }
            index += 1
        }
        return nil
    }

    /// Splits on CRLF; a bare CR or LF anywhere is malformed (request smuggling vectors).
    private static func splitLines(_ block: ArraySlice<UInt8>) throws(HTTPParseError) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = block.startIndex
        var index = block.startIndex
        while index < block.endIndex {
            let byte = block[index]
            if byte == 13 {
                guard index + 1 < block.endIndex, block[index + 1] == 10 else { throw .bareLineEnding }
                lines.append(block[lineStart..<index])
                index += 2
                lineStart = index
            } else if byte == 10 {
                throw .bareLineEnding
            } else {
                index += 1
            }
        }
        lines.append(block[lineStart..<block.endIndex])
        return lines
    }

    /// Drops consumed bytes so the buffer holds at most one partial request plus what followed it.
    private mutating func compact() {
        guard start > 0 else { return }
        guard start < buffer.count else {
            // The usual case between keep-alive requests: everything consumed, keep the allocation.
            buffer.removeAll(keepingCapacity: true)
            scanFrom = 0
            start = 0
            return
        }
        buffer.removeFirst(start)
        scanFrom = max(0, scanFrom - start)
        start = 0
    }
}
