/// Why an export could not run or a day could not be exported.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// Another `clickstream export` (or a server's export step) holds the export lock.
    case anotherExportInProgress
    /// The export prefix lies under the raw prefix or holds it: the ETL would read the Parquet files as events.
    case prefixOverlapsRaw(export: String, raw: String)
    /// A value the Parquet writer refused, naming the day.
    case writeFailed(day: String, reason: String)
    /// SIGINT/SIGTERM: the day in progress was abandoned (its old files stand).
    case interrupted

    public var description: String {
        switch self {
        case .anotherExportInProgress:
            "another export is running on this warehouse; this one did nothing (try again when it ends)"
        case let .prefixOverlapsRaw(export, raw):
            "the export prefix \(export) overlaps the raw prefix \(raw): the ETL would read Parquet files as events. "
                + "Choose one outside it (EXPORT_PREFIX, --export-prefix; default exports/)"
        case let .writeFailed(day, reason):
            "exporting \(day) failed: \(reason)"
        case .interrupted:
            "the export was interrupted; the day in progress keeps its previous files, and the next run exports it"
        }
    }
}
