/// What one committed load transaction (or several, added up) did.
struct BatchOutcome: Sendable {
    /// Objects written to the ledger (read and decoded, whatever their records were).
    var objects = 0
    /// Events new to the warehouse.
    var inserted = 0
    /// Events already in the warehouse (or twice in the batch), skipped.
    var duplicates = 0
    /// Reject rows written, by reason code.
    var rejectsByReason: [String: Int] = [:]
    /// Objects left out of the ledger so the next run retries them.
    var retryLater = 0
    /// Occurrences of fields no dialect knows, by dotted name.
    var unknownFields: [String: Int] = [:]
    /// Loaded events with a derived field left NULL, by `EnrichmentIssue` code.
    var enrichmentIssues: [String: Int] = [:]

    var rejects: Int { rejectsByReason.values.reduce(0, +) }

    mutating func add(_ other: BatchOutcome) {
        objects += other.objects
        inserted += other.inserted
        duplicates += other.duplicates
        retryLater += other.retryLater
        rejectsByReason.merge(other.rejectsByReason, uniquingKeysWith: +)
        unknownFields.merge(other.unknownFields, uniquingKeysWith: +)
        enrichmentIssues.merge(other.enrichmentIssues, uniquingKeysWith: +)
    }
}
