/// One object as a run saw it, for `--dry-run` listings: what would load.
public struct ETLObjectReport: Sendable {
    public var key: String
    public var sizeBytes: Int64
    public var events: Int
    public var rejects: Int
    /// The object could not be read; a real run would retry it next time.
    public var isUnreadable: Bool

    init(_ object: DecodedObject) {
        key = object.key
        sizeBytes = object.sizeBytes
        events = object.events.count
        rejects = object.rejects.count
        isUnreadable = object.isRetryable
    }
}
