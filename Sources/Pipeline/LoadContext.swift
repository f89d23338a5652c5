import Postgres

/// What every batch of a run needs to know about the warehouse, read once when the run starts.
struct LoadContext: Sendable {
    /// Keys that had retry rejects (unreadable, refused) when the run started: only these can have any to clear.
    var retryRejectKeys: Set<String> = []
    /// The newest event time among rows the original ETL loaded (recorded when the warehouse was upgraded, migration
    /// 15); nil when it held none. Events with derived ids up to then are matched against those rows by content.
    var legacyRowsUntil: EventTimestamp?

    // LoadContext.fetch — exact microseconds in every version (extract's epoch is a double before PostgreSQL 14):
    // whole seconds, then the fraction of the second (extract's microseconds count the seconds field too).
    static let legacyRowsUntilQuery = """
        SELECT extract(epoch FROM date_trunc('second', legacy_rows_until))::bigint * 1000000
               + extract(microseconds FROM legacy_rows_until)::bigint % 1000000
        FROM warehouse_state
        """

    /// The context of a run that writes (a dry run needs none).
    static func fetch(ledger: ObjectLedger, pool: PostgresPool) async throws -> LoadContext {
        let legacy = try await pool.query(legacyRowsUntilQuery).first.flatMap { try $0.decodeIfPresent(Int64.self, at: 0) }
        return LoadContext(retryRejectKeys: try await ledger.keysWithRetryRejects(),
                           legacyRowsUntil: legacy.map { EventTimestamp(microseconds: $0) })
    }
}
