/// The Pipeline section: freshness facts, the runs, per-hour loads, rejects and unknown fields.
struct PipelineSection: Sendable {
    let jsonURL: String
    let error: [PanelError]
    let facts: [PipelineFact]
    let runs: [PipelineRunRow]
    let hasRuns: Bool
    let hourly: [ChartPanel]
    let rejects: [RejectGroup]
    let hasRejects: Bool
    let unknownFields: [UnknownFieldRow]
    let hasUnknownFields: Bool
    /// The enrichment card: geography on or off, derived fields not filled, rows waiting for `clickstream enrich`.
    let enrichment: [EnrichmentCard]
    let subtitle: String
}

/// What the loader could not derive, and whether it derives geography at all.
struct EnrichmentCard: Sendable {
    let geography: String
    let isGeographyOff: Bool
    let notDerived: [NotDerivedRow]
    let hasNotDerived: Bool
    let rowsNotEnriched: String
    let hasRowsNotEnriched: Bool
}

/// Events whose derived field stayed NULL for one reason.
struct NotDerivedRow: Sendable {
    let reason: String
    let field: String
    let events: String
    let lastSeen: String
}

/// A headline fact (`Data complete up to`, `Lag`, `Next run`), with a tone for color: `ok`, `warn`, `bad` or `none`.
struct PipelineFact: Sendable {
    let label: String
    let value: String
    let note: String
    let tone: String
}

/// One ETL run.
struct PipelineRunRow: Sendable {
    let runID: String
    let started: String
    let startedUTC: String
    let duration: String
    let status: String
    let trigger: String
    let objects: String
    let events: String
    let duplicates: String
    let rejects: String
    let error: String
    let hasError: Bool
}

/// Rejects sharing a reason, with a few samples.
struct RejectGroup: Sendable {
    let reason: String
    let count: String
    let samples: [RejectSampleRow]
}

/// One rejected record: where it is in the lake and what it looked like (payload text, escaped).
struct RejectSampleRow: Sendable {
    let objectKey: String
    let position: String
    let detail: String
    let excerpt: String
    let hasExcerpt: Bool
    let rejectedAt: String
}

/// A payload field no dialect maps.
struct UnknownFieldRow: Sendable {
    let dialect: String
    let name: String
    let count: String
    let firstSeen: String
    let lastSeen: String
    let example: String
}
