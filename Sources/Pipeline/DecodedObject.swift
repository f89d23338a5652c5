import Lake

/// One lake object after decoding: its canonical events and its refusals, ready for one load transaction.
public struct DecodedObject: Sendable {
    public var key: String
    /// The ETag the bytes were read with (nil when the object could not be read).
    public var etag: String?
    public var sizeBytes: Int64
    public var events: [CanonicalEvent] = []
    public var rejects: [RecordReject] = []
    /// True when the object could not be read: it gets a reject row but no ledger row, so the next run retries it.
    public var isRetryable = false
    /// Fields no dialect knows, by dialect and dotted name: how often, and one example value.
    public var unknownFields: [UnknownFieldKey: UnknownFieldTally] = [:]

    public init(key: String, etag: String?, sizeBytes: Int64) {
        self.key = key
        self.etag = etag
        self.sizeBytes = sizeBytes
    }
}

extension DecodedObject {
    mutating func tally(_ fields: [UnknownField], dialect: Dialect) {
        for field in fields {
            unknownFields[UnknownFieldKey(dialect: dialect, name: field.name), default: UnknownFieldTally(example: field.example)].count += 1
        }
    }
}

/// A drifted field's identity in `etl_unknown_fields`.
public struct UnknownFieldKey: Sendable, Hashable {
    public var dialect: Dialect
    public var name: String
}

/// How often a drifted field was seen, with the first example value.
public struct UnknownFieldTally: Sendable, Equatable {
    public var count = 0
    public var example: String

    public init(example: String) { self.example = example }
}
