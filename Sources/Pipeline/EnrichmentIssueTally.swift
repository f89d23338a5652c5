import Enrichment
import Postgres

/// A batch's count of loaded events whose derived fields stayed NULL, per reason, written to
/// `etl_enrichment_issues` in the load transaction (the pipeline panel's "fields not derived").
struct EnrichmentIssueTally {
    private(set) var byReason: [String: Int] = [:]

    // EnrichmentIssueTally.record — counts move on, first seen stays.
    static let upsert = """
        INSERT INTO etl_enrichment_issues AS i (reason, field, events)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
        ON CONFLICT (reason) DO UPDATE SET events = i.events + excluded.events, last_seen_at = now()
        """

    mutating func add(_ issues: EnrichmentIssues) {
        for issue in issues.all { byReason[issue.rawValue, default: 0] += 1 }
    }

    func record(on connection: PostgresConnection) throws {
        guard !byReason.isEmpty else { return }
        let reasons = byReason.keys.sorted()
        let fields = reasons.map { EnrichmentIssue(rawValue: $0)?.field ?? "" }
        try connection.query(Self.upsert, [reasons, fields, reasons.map { String(byReason[$0] ?? 0) }])
    }
}
