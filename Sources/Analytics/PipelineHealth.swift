/// The pipeline section: recent runs, what was loaded and refused, how fresh the data is.
public struct PipelineHealth: Sendable, Hashable, Codable {
    /// The newest runs first (at most 20).
    public let runs: [PipelineRun]
    /// Start of the last succeeded run: every object in the lake at that moment is loaded.
    public let dataCompleteUpTo: String?
    /// Newest event time (ISO 8601 UTC).
    public let latestEvent: String?
    /// Seconds from the newest event to now; `nil` for an empty warehouse.
    public let lagSeconds: Double?
    /// Objects, rows, duplicates and rejects loaded inside the filters' time range (by load time).
    public let totals: PipelineTotals
    /// Per hour of load time (UTC) inside the range: objects loaded and rows they brought.
    public let hourly: [PipelineHour]
    /// Rejects inside the range by reason, the most frequent first, each with up to 3 recent samples.
    public let rejectsByReason: [RejectReasonCount]
    /// Fields the dialects do not map, the most frequent first.
    public let unknownFields: [UnknownField]
    /// The in-process scheduler, when this server runs one.
    public let schedule: PipelineSchedule?
    /// Geography on or off, derived fields not filled by reason, rows waiting for `clickstream enrich`.
    public let enrichment: PipelineEnrichment

    public init(runs: [PipelineRun], dataCompleteUpTo: String?, latestEvent: String?, lagSeconds: Double?,
                totals: PipelineTotals, hourly: [PipelineHour], rejectsByReason: [RejectReasonCount],
                unknownFields: [UnknownField], schedule: PipelineSchedule?, enrichment: PipelineEnrichment) {
        self.runs = runs
        self.dataCompleteUpTo = dataCompleteUpTo
        self.latestEvent = latestEvent
        self.lagSeconds = lagSeconds
        self.totals = totals
        self.hourly = hourly
        self.rejectsByReason = rejectsByReason
        self.unknownFields = unknownFields
        self.schedule = schedule
        self.enrichment = enrichment
    }

    private enum CodingKeys: String, CodingKey {
        case runs, dataCompleteUpTo = "data_complete_up_to", latestEvent = "latest_event", lagSeconds = "lag_seconds"
        case totals, hourly, rejectsByReason = "rejects_by_reason", unknownFields = "unknown_fields", schedule, enrichment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runs, forKey: .runs)
        try container.encode(dataCompleteUpTo, forKey: .dataCompleteUpTo)
        try container.encode(latestEvent, forKey: .latestEvent)
        try container.encode(lagSeconds, forKey: .lagSeconds)
        try container.encode(totals, forKey: .totals)
        try container.encode(hourly, forKey: .hourly)
        try container.encode(rejectsByReason, forKey: .rejectsByReason)
        try container.encode(unknownFields, forKey: .unknownFields)
        try container.encode(schedule, forKey: .schedule)
        try container.encode(enrichment, forKey: .enrichment)
    }
}

/// One row of `etl_runs`.
public struct PipelineRun: Sendable, Hashable, Codable {
    public let runID: Int64
    public let startedAt: String
    public let finishedAt: String?
    /// `running`, `succeeded` or `failed`.
    public let status: String
    public let trigger: String
    public let objects: Int
    public let events: Int
    public let duplicates: Int
    public let rejects: Int
    public let error: String?

    public init(runID: Int64, startedAt: String, finishedAt: String?, status: String, trigger: String,
                objects: Int, events: Int, duplicates: Int, rejects: Int, error: String?) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.trigger = trigger
        self.objects = objects
        self.events = events
        self.duplicates = duplicates
        self.rejects = rejects
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case runID = "run_id", startedAt = "started_at", finishedAt = "finished_at", status, trigger
        case objects, events, duplicates, rejects, error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(status, forKey: .status)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(objects, forKey: .objects)
        try container.encode(events, forKey: .events)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(rejects, forKey: .rejects)
        try container.encode(error, forKey: .error)
    }
}

/// Ledger totals over a time range.
public struct PipelineTotals: Sendable, Hashable, Codable {
    public let objects: Int
    public let rows: Int
    public let duplicates: Int
    public let rejects: Int

    public init(objects: Int, rows: Int, duplicates: Int, rejects: Int) {
        self.objects = objects
        self.rows = rows
        self.duplicates = duplicates
        self.rejects = rejects
    }
}

/// Objects and rows loaded in one UTC hour.
public struct PipelineHour: Sendable, Hashable, Codable {
    /// The hour's start, ISO 8601 UTC.
    public let hour: String
    public let objects: Int
    public let rows: Int

    public init(hour: String, objects: Int, rows: Int) {
        self.hour = hour
        self.objects = objects
        self.rows = rows
    }
}

/// Rejected records sharing a reason code.
public struct RejectReasonCount: Sendable, Hashable, Codable {
    public let reason: String
    public let count: Int
    public let samples: [RejectSample]

    public init(reason: String, count: Int, samples: [RejectSample]) {
        self.reason = reason
        self.count = count
        self.samples = samples
    }
}

/// One refused record, enough to find it in the lake.
public struct RejectSample: Sendable, Hashable, Codable {
    public let objectKey: String
    public let position: Int
    public let detail: String?
    public let excerpt: String?
    public let rejectedAt: String

    public init(objectKey: String, position: Int, detail: String?, excerpt: String?, rejectedAt: String) {
        self.objectKey = objectKey
        self.position = position
        self.detail = detail
        self.excerpt = excerpt
        self.rejectedAt = rejectedAt
    }

    private enum CodingKeys: String, CodingKey {
        case objectKey = "object_key", position, detail, excerpt, rejectedAt = "rejected_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objectKey, forKey: .objectKey)
        try container.encode(position, forKey: .position)
        try container.encode(detail, forKey: .detail)
        try container.encode(excerpt, forKey: .excerpt)
        try container.encode(rejectedAt, forKey: .rejectedAt)
    }
}

/// A payload field no dialect maps, as counted by the ETL.
public struct UnknownField: Sendable, Hashable, Codable {
    public let dialect: String
    public let name: String
    public let count: Int
    public let firstSeen: String
    public let lastSeen: String
    public let example: String?

    public init(dialect: String, name: String, count: Int, firstSeen: String, lastSeen: String, example: String?) {
        self.dialect = dialect
        self.name = name
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.example = example
    }

    private enum CodingKeys: String, CodingKey {
        case dialect, name, count, firstSeen = "first_seen", lastSeen = "last_seen", example
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dialect, forKey: .dialect)
        try container.encode(name, forKey: .name)
        try container.encode(count, forKey: .count)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(example, forKey: .example)
    }
}

/// The in-process ETL schedule as the dashboard shows it (the server maps its scheduler's state here).
public struct PipelineSchedule: Sendable, Hashable, Codable {
    public let intervalSeconds: Double
    public let isRunning: Bool
    public let runningSince: String?
    public let nextRunAt: String?
    public let lastSucceededAt: String?
    public let lastError: String?
    public let consecutiveFailures: Int

    public init(intervalSeconds: Double, isRunning: Bool, runningSince: String?, nextRunAt: String?,
                lastSucceededAt: String?, lastError: String?, consecutiveFailures: Int) {
        self.intervalSeconds = intervalSeconds
        self.isRunning = isRunning
        self.runningSince = runningSince
        self.nextRunAt = nextRunAt
        self.lastSucceededAt = lastSucceededAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }

    /// For pages shown while the warehouse is down: the last error cut to what failed (`PostgreSQL connection error
    /// in connect`), without the driver's detail, which names hosts, ports and socket paths; that is in the log.
    public func withErrorSummary() -> PipelineSchedule {
        let summary = lastError.map { error -> String in
            guard let colon = error.range(of: ": ") else { return error }
            return error[..<colon.lowerBound] + " (the details are in the server log)"
        }
        return PipelineSchedule(intervalSeconds: intervalSeconds, isRunning: isRunning, runningSince: runningSince,
                                nextRunAt: nextRunAt, lastSucceededAt: lastSucceededAt, lastError: summary,
                                consecutiveFailures: consecutiveFailures)
    }

    private enum CodingKeys: String, CodingKey {
        case intervalSeconds = "interval_seconds", isRunning = "is_running", runningSince = "running_since"
        case nextRunAt = "next_run_at", lastSucceededAt = "last_succeeded_at", lastError = "last_error"
        case consecutiveFailures = "consecutive_failures"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intervalSeconds, forKey: .intervalSeconds)
        try container.encode(isRunning, forKey: .isRunning)
        try container.encode(runningSince, forKey: .runningSince)
        try container.encode(nextRunAt, forKey: .nextRunAt)
        try container.encode(lastSucceededAt, forKey: .lastSucceededAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
    }
}
