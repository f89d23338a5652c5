import Postgres

/// The BRIN index on `clickstream_events.load_xact`, through which the dashboard reads just the rows recent
/// loads added. The loader keeps its summaries current itself (see `summarizeNewRanges(on:)`).
public enum LoadTransactionIndex {
    // LoadTransactionIndex.summarizeNewRanges — the lock it needs (SHARE UPDATE EXCLUSIVE) is also a
    // vacuum's: rather than wait for a vacuum of the table, which summarizes the same ranges, give up.
    static let shortLockTimeout = "SET LOCAL lock_timeout = '200ms'"
    static let summarize = "SELECT brin_summarize_new_values('clickstream_events_load_xact_idx'::regclass)"

    /// Summarizes every range of the table that loads filled since the last summary and returns how many it
    /// summarized. Loads do not ask autovacuum to (migration 13 turned `autosummarize` off): its requests go
    /// through a queue of 256 slots for the whole cluster, which a large load overflowed, leaving ranges
    /// unsummarized (scanned by every read of the index) and a server log line per dropped range. Throws
    /// `PostgresError` with SQLSTATE 55P03 when a vacuum holds the table (it summarizes them instead) and
    /// 42501 when the role does not own the table; neither harms the loaded rows.
    public static func summarizeNewRanges(on connection: PostgresConnection) throws -> Int {
        try connection.transaction { connection in
            try connection.execute(shortLockTimeout)
            return try connection.query(summarize).first?.decode(Int.self, at: 0) ?? 0
        }
    }
}
