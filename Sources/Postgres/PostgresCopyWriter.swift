/// Buffers rows in COPY text format and hands full chunks to the connection.
public struct PostgresCopyWriter {
    static let chunkSize = 256 * 1024
    var buffer: [UInt8] = []
    let flush: ([UInt8]) throws(PostgresError) -> Void
    private(set) var rowCount = 0
    var pendingError: PostgresError?

    init(flush: @escaping ([UInt8]) throws(PostgresError) -> Void) {
        self.flush = flush
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends one row; `nil` fields are NULL. Backslash, tab, newline and carriage return are escaped.
    public mutating func writeRow(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let field else {
                buffer.append(0x5C)
                buffer.append(0x4E)  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
        rowCount += 1
        if buffer.count >= Self.chunkSize { sendBuffer() }
    }

    mutating func sendBuffer() {
        guard !buffer.isEmpty, pendingError == nil else { return }
        do {
            try flush(buffer)
        } catch {
            pendingError = error  // reported when the COPY ends, so writeRow stays non-throwing
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
