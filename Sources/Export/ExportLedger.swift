import Postgres

/// The `export_days` ledger and the questions the export asks the warehouse: which days need (re-)exporting,
/// whether a day is still being loaded, the data version. Runs on the export's one connection.
struct ExportLedger {
    /// A day to export: days since 1970-01-01, its event count in the rollups now, its last generation.
    struct Candidate: Sendable {
        let day: Int
        let rollupEvents: Int64
        let generation: Int
    }

    /// What a finished day's ledger row records.
    struct Entry: Sendable {
        let day: Int
        let generation: Int
        let dataVersion: Int64
        let rollupEvents: Int64
        let rows: Int64
        let fileKey: String
        let bytes: Int64
        let md5: String
        let decimalsOutOfRange: Int64
    }

    let connection: PostgresConnection

    // ExportLedger.lock / unlock — a session lock for the whole run (one connection holds it; a killed process's
    // session ends and the lock with it). "export" in ASCII: distinct from the ETL's.
    static let lockKey: Int64 = 0x6578_706F_7274
    static let tryLockSQL = "SELECT pg_try_advisory_lock($1)"
    static let unlockSQL = "SELECT pg_advisory_unlock($1)"

    func lock() throws -> Bool {
        try connection.query(Self.tryLockSQL, [Self.lockKey]).first?.decode(Bool.self, at: 0) ?? false
    }

    func unlock() {
        _ = try? connection.query(Self.unlockSQL, [Self.lockKey])
    }

    // ExportLedger.candidates — the UTC days with events that ended at least the delay ago and were never exported,
    // or changed since: their rollup count moved (a load added rows) or rollup_changes names one of their buckets
    // under a later data version (a load, or a `verify --repair` after rows were edited by hand), or a run was killed
    // while replacing their files (pending). `$4` re-exports
    // every day in the range. Days come from the rollups (~1/50 of the events table), not a scan of the events.
    static let candidatesSQL = """
        -- export.candidates
        WITH days AS (
            SELECT (bucket AT TIME ZONE 'UTC')::date AS day, sum(events)::bigint AS events
            FROM rollup_events_15m GROUP BY 1),
        changed AS (
            SELECT DISTINCT e.day
            FROM export_days e JOIN rollup_changes c
              ON c.bucket >= e.day::timestamp AT TIME ZONE 'UTC' AND c.bucket < (e.day + 1)::timestamp AT TIME ZONE 'UTC'
             AND c.data_version > e.data_version)
        SELECT d.day - DATE '1970-01-01', d.events, coalesce(e.generation, 0)
        FROM days d LEFT JOIN export_days e USING (day)
        WHERE d.day BETWEEN $1::date AND $2::date
          AND (d.day + 1)::timestamp <= (now() - make_interval(secs => $3)) AT TIME ZONE 'UTC'
          AND (e.day IS NULL OR e.pending OR e.rollup_events <> d.events OR d.day IN (SELECT day FROM changed) OR $4)
        ORDER BY d.day
        """

    func candidates(from first: String, through last: String, delaySeconds: Double, force: Bool) throws -> [Candidate] {
        try connection.query(Self.candidatesSQL, [first, last, delaySeconds, force]).map { row in
            Candidate(day: try row.decode(Int.self, at: 0), rollupEvents: try row.decode(Int64.self, at: 1),
                      generation: try row.decode(Int.self, at: 2))
        }
    }

    // ExportLedger.isOpen — a load touched the day within the delay: every row a load writes carries the
    // load's time in ingested_at, so the day's newest one says when it was last touched (the time index finds
    // the day's rows).
    static let lastTouchedSQL = """
        -- export.last_touched
        SELECT max(ingested_at) > now() - make_interval(secs => $3)
        FROM clickstream_events WHERE event_timestamp >= $1::timestamptz AND event_timestamp < $2::timestamptz
        """

    func isOpen(from start: String, to end: String, delaySeconds: Double) throws -> Bool {
        try connection.query(Self.lastTouchedSQL, [start, end, delaySeconds]).first?.decodeIfPresent(Bool.self, at: 0) ?? false
    }

    static let dataVersionSQL = "SELECT data_version FROM warehouse_state"

    func dataVersion() throws -> Int64 {
        try connection.query(Self.dataVersionSQL).first?.decode(Int64.self, at: 0) ?? 0
    }

    // ExportLedger.markPending — before the day's files are replaced (a first export gets a placeholder row).
    static let markPendingSQL = """
        -- export.mark_pending
        INSERT INTO export_days (day, generation, data_version, rollup_events, rows, file_key, bytes, md5, pending)
        VALUES (DATE '1970-01-01' + $1::integer, 0, -1, -1, 0, '', 0, '', true)
        ON CONFLICT (day) DO UPDATE SET pending = true
        """

    func markPending(_ day: Int) throws {
        try connection.query(Self.markPendingSQL, [day])
    }

    // ExportLedger.record — after the day's file and manifest are in the store; clears `pending`.
    static let recordSQL = """
        -- export.record
        INSERT INTO export_days (day, generation, data_version, rollup_events, rows, file_key, bytes, md5, decimals_out_of_range, exported_at)
        VALUES (DATE '1970-01-01' + $1::integer, $2, $3, $4, $5, $6, $7, $8, $9, now())
        ON CONFLICT (day) DO UPDATE SET generation = excluded.generation, data_version = excluded.data_version,
            rollup_events = excluded.rollup_events, rows = excluded.rows, file_key = excluded.file_key, bytes = excluded.bytes,
            md5 = excluded.md5, decimals_out_of_range = excluded.decimals_out_of_range, exported_at = excluded.exported_at,
            pending = false
        """

    func record(_ entry: Entry) throws {
        try connection.query(Self.recordSQL, [entry.day, entry.generation, entry.dataVersion, entry.rollupEvents, entry.rows,
                                              entry.fileKey, entry.bytes, entry.md5, entry.decimalsOutOfRange])
    }
}
