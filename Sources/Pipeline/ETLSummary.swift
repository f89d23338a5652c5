/// What one ETL run did, for the CLI and the logs.
public struct ETLSummary: Sendable, CustomStringConvertible {
    /// The `etl_runs` row; nil for a dry run, which writes nothing.
    public var runID: Int64?
    /// Objects loaded into the ledger this run (bad files included: their records became rejects).
    public var objects: Int
    /// Events inserted (new to the warehouse).
    public var events: Int
    /// Events skipped because they were already loaded (or repeated within a batch).
    public var duplicates: Int
    /// Reject rows written.
    public var rejects: Int
    public var rejectsByReason: [String: Int]
    /// Objects that could not be read or loaded; not in the ledger, so the next run retries them.
    public var retryLater: Int
    /// Objects the listing returned (after `--prefix`), those already in the ledger, and those outside `--from/--to`.
    public var listed: Int
    public var alreadyLoaded: Int
    /// Objects in the ledger whose bytes changed in the lake since (new ETag or size): counted, logged, not reloaded.
    public var changedSinceLoad: Int
    public var outsideRange: Int
    /// Occurrences of payload fields no dialect knows, by dotted name (also in `etl_unknown_fields`).
    public var unknownFields: [String: Int]
    public var isDryRun: Bool
    public var duration: Duration
    /// Loaded events with a derived field left NULL, by reason (also in `etl_enrichment_issues`).
    public var enrichmentIssues: [String: Int] = [:]

    public var description: String {
        var lines = [
            (isDryRun ? "ETL dry run (nothing written)" : "ETL run \(runID.map(String.init) ?? "-")") + " finished in \(Self.format(duration))",
            "  objects \(isDryRun ? "to load:   " : "loaded:    ") \(objects)",
            "  events \(isDryRun ? "decoded:    " : "inserted:   ") \(events)",
            "  duplicates skipped: \(duplicates)",
            "  rejects:            \(rejects)" + (rejects > 0 ? " by reason:" : ""),
        ]
        for (reason, count) in rejectsByReason.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("    \(reason): \(count)")
        }
        if retryLater > 0 { lines.append("  objects to retry next run: \(retryLater)") }
        lines.append("  objects listed:     \(listed) (already loaded \(alreadyLoaded), outside --from/--to \(outsideRange))")
        if changedSinceLoad > 0 { lines.append("  loaded objects changed in the lake since (not reloaded): \(changedSinceLoad)") }
        for (reason, count) in enrichmentIssues.sorted(by: { $0.key < $1.key }) {
            lines.append("  not derived, \(reason): \(count)")
        }
        for (name, count) in unknownFields.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(10) {
            lines.append("  unknown field \(name): \(count)")
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds < 10_000 ? "\(milliseconds) ms" : "\(milliseconds / 1000) s"
    }
}
