/// The ETL's running totals and freshness for `/metrics`, read from the warehouse on each scrape.
struct ETLFigures: Sendable {
    /// Totals over the `etl_runs` of one status.
    struct Runs: Sendable {
        let status: String
        let runs: Int
        let objects: Int
        let rows: Int
        let duplicates: Int
        let rejects: Int
    }

    /// Rejected records with one reason code.
    struct Rejects: Sendable {
        let reason: String
        let count: Int
    }

    let runs: [Runs]
    let rejectsByReason: [Rejects]
    let dataVersion: Int64
    /// Seconds from the newest event to now; nil for an empty warehouse.
    let lagSeconds: Double?
    /// Unix time of the last succeeded run's start; nil before the first.
    let dataCompleteUpTo: Double?
}
