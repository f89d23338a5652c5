/// Why a record (or a whole object) was refused; the raw value is the code stored in `etl_rejects.reason`.
public enum RejectReason: String, Sendable, CaseIterable, Hashable, Codable {
    /// The object has no bytes (or only whitespace, or an empty array).
    case emptyObject = "empty_object"
    /// The object looked gzip-compressed but could not be decompressed (or expands past the limit).
    case invalidGzip = "invalid_gzip"
    /// The bytes are not well-formed UTF-8.
    case invalidUTF8 = "invalid_utf8"
    /// Truncated or otherwise invalid JSON.
    case invalidJSON = "invalid_json"
    /// Valid JSON, but not an object (a number, a string, an array element that is not an object).
    case notAnObject = "not_an_object"
    /// One record is larger than `RecordFramer.maxRecordBytes`, or a whole object than `ObjectDecoder.maxObjectBytes`.
    case recordTooLarge = "record_too_large"
    /// No event name in any spelling the dialects use.
    case missingEventName = "missing_event_name"
    /// A time that cannot be parsed.
    case badTimestamp = "bad_timestamp"
    /// A time more than a day ahead of the loader's clock.
    case futureTimestamp = "future_timestamp"
    /// A number field (price, total) that is not a number.
    case badNumber = "bad_number"
    /// A field of the wrong JSON type (an object where text is expected, a boolean that is not one).
    case badType = "bad_type"
    /// A text field longer than its limit.
    case fieldTooLong = "field_too_long"
    /// The object could not be read from the lake; it is not in the ledger, so the next run retries it.
    case unreadableObject = "unreadable_object"
    /// The warehouse refused the object's rows even when loaded alone; not in the ledger, retried next run.
    case loadFailed = "load_failed"
    /// A local lake's symbolic link, FIFO, socket or device: never read or followed; recorded once (it is
    /// in the ledger with no events).
    case notARegularFile = "not_a_regular_file"
}

/// One refused record: where it was, why, and enough of it to recognise it.
public struct RecordReject: Sendable, Equatable {
    /// Longest excerpt kept, in characters.
    public static let maxExcerptCharacters = 200

    /// Index of the record in its object (array element, NDJSON line, 0 for single-object files).
    public var position: Int
    public var reason: RejectReason
    /// Human-readable detail ("product.price: \"one million\" is not a number").
    public var detail: String
    /// At most 200 characters of the record's raw text (invalid UTF-8 shown as U+FFFD).
    public var excerpt: String

    public init(position: Int, reason: RejectReason, detail: String, excerpt: String) {
        self.position = position
        self.reason = reason
        self.detail = detail
        self.excerpt = excerpt
    }

    /// The first `maxExcerptCharacters` characters of raw bytes, decoded leniently.
    public static func excerpt(of bytes: [UInt8], in range: Range<Int>) -> String {
        // Decode a bounded prefix (4 bytes per character at most) so a huge record costs nothing extra.
        let prefixEnd = min(range.upperBound, range.lowerBound + maxExcerptCharacters * 4)
        let text = String(decoding: bytes[range.lowerBound..<prefixEnd], as: UTF8.self)
        return sanitized(String(text.prefix(maxExcerptCharacters)))
    }

    /// PostgreSQL text cannot hold U+0000; raw bytes may contain it, so it is shown as U+FFFD.
    public static func sanitized(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 })
        return String(scalars)
    }
}

/// A record-level refusal thrown by the dialect decoders.
public struct RecordRejection: Error, Sendable, Equatable {
    public var reason: RejectReason
    public var detail: String

    public init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
