import Enrichment
import Foundation
import Logging
import Postgres

/// `clickstream enrich`: fills the derived columns of rows loaded before the loader derived them (or with
/// `--no-enrich`), from their stored page URL, referrer and user agent, in batches while the dashboard serves.
///
/// Each batch is one transaction: it takes the oldest rows not yet enriched in the range (skipping rows another
/// run holds), writes their columns and `enrichment_version`, counts what could not be derived, and bumps the
/// data version so the dashboard's caches follow. A run killed anywhere leaves whole batches done and the rest
/// as they were; the next run continues with what is left. Geography is not re-derived: the addresses are gone
/// (the privacy migration placed them first, with the geography database of the process that ran it).
public struct EnrichmentBackfill: Sendable {
    public struct Configuration: Sendable {
        /// Rows with `event_timestamp` at or after this. Default: no bound.
        public var from: Date?
        /// Rows with `event_timestamp` before this. Default: no bound.
        public var until: Date?
        /// Rows per transaction. Default 5,000.
        public var batchRows = 5_000

        public init() {}
    }

    /// What a run did.
    public struct Summary: Sendable, CustomStringConvertible {
        public var rows = 0
        public var batches = 0
        public var issues: [String: Int] = [:]

        public var description: String {
            (["enriched \(rows) rows in \(batches) batches"]
                + issues.sorted { $0.key < $1.key }.map { "  not derived, \($0.key): \($0.value)" }).joined(separator: "\n")
        }
    }

    // EnrichmentBackfill.enrichBatch — the oldest rows left in the range, by the partial index of unenriched rows.
    static let nextRows = """
        SELECT event_id, page_url, referrer, user_agent FROM clickstream_events
        WHERE enrichment_version IS NULL AND event_timestamp >= coalesce($1::timestamptz, '-infinity')
          AND event_timestamp < coalesce($2::timestamptz, 'infinity')
        ORDER BY event_timestamp, event_id LIMIT $3
        FOR UPDATE SKIP LOCKED
        """
    // EnrichmentBackfill.enrichBatch — the batch's derived values, staged for one UPDATE … FROM.
    static let createStage = """
        CREATE TEMPORARY TABLE IF NOT EXISTS enrichment_stage (
            event_id uuid PRIMARY KEY, page_path text, page_host text, referrer_host text, channel text, utm_source text,
            utm_medium text, utm_campaign text, utm_term text, utm_content text, browser text, browser_version text,
            os text, os_version text, device_type text) ON COMMIT DELETE ROWS
        """
    static let copyStage = "COPY enrichment_stage FROM STDIN"
    // EnrichmentBackfill.enrichBatch — a payload's own device_type stays, as in the loader.
    static let applyStage = """
        UPDATE clickstream_events e
        SET page_path = s.page_path, page_host = s.page_host, referrer_host = s.referrer_host, channel = s.channel,
            utm_source = s.utm_source, utm_medium = s.utm_medium, utm_campaign = s.utm_campaign, utm_term = s.utm_term,
            utm_content = s.utm_content, browser = s.browser, browser_version = s.browser_version, os = s.os,
            os_version = s.os_version, device_type = coalesce(e.device_type, s.device_type), enrichment_version = $1
        FROM enrichment_stage s WHERE e.event_id = s.event_id
        """
    static let bumpDataVersion = "UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()"

    let pool: PostgresPool
    let enricher: Enricher
    let configuration: Configuration
    let logger: Logger

    public init(pool: PostgresPool, enricher: Enricher, configuration: Configuration = .init(), logger: Logger) {
        self.pool = pool
        self.enricher = enricher
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs batches until none is left in the range, or until cancelled between batches.
    public func run() async throws -> Summary {
        var summary = Summary()
        while !Task.isCancelled {
            let (rows, issues) = try await pool.withConnection { [self] connection in
                try connection.transaction { try enrichBatch(on: $0) }
            }
            guard rows > 0 else { break }
            summary.rows += rows
            summary.batches += 1
            summary.issues.merge(issues, uniquingKeysWith: +)
            logger.info("enriched a batch", metadata: ["enrich.rows": "\(rows)", "enrich.total": "\(summary.rows)"])
        }
        return summary
    }

    private func enrichBatch(on connection: PostgresConnection) throws -> (rows: Int, issues: [String: Int]) {
        let rows = try connection.query(Self.nextRows, [configuration.from, configuration.until, configuration.batchRows])
        guard !rows.isEmpty else { return (0, [:]) }
        try connection.execute(Self.createStage)
        var issues = EnrichmentIssueTally()
        _ = try connection.copyIn(Self.copyStage) { writer in
            for row in rows {
                let fields = enricher.derive(pageURL: row[1], referrer: row[2], userAgent: row[3], sourceIP: nil)
                if !fields.issues.isEmpty { issues.add(fields.issues) }
                writer.writeRow([row[0], fields.pagePath, fields.pageHost, fields.referrerHost, fields.channel?.rawValue,
                                 fields.campaign.source, fields.campaign.medium, fields.campaign.campaign, fields.campaign.term,
                                 fields.campaign.content, fields.userAgent?.browser, fields.userAgent?.browserVersion,
                                 fields.userAgent?.os, fields.userAgent?.osVersion, fields.userAgent?.deviceType.rawValue])
            }
        }
        try connection.query(Self.applyStage, [Int(Enricher.version)])
        try issues.record(on: connection)
        try connection.query(Self.bumpDataVersion)
        return (rows.count, issues.byReason)
    }
}
