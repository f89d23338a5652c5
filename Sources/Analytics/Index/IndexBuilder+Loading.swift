import Postgres
import Warehouse

extension IndexBuilder {
    /// What an incremental refresh did.
    enum RefreshOutcome {
        /// The warehouse is still at the builder's version.
        case unchanged
        /// These many buckets changed: with `newRowsOnly`, only the loads' new rows were read and
        /// merged into them; otherwise each was read whole again.
        case refreshed(buckets: Int, newRowsOnly: Bool)
        /// The changes cannot be applied one by one (too many, pruned, or the version went back).
        case needsFullBuild(reason: String)
    }

    // Every read of a build or refresh runs in one REPEATABLE READ transaction, so the version and
    // the rows it reads belong together, and without the dashboard's statement timeout (a full
    // build streams every event once). The scans read time ranges of a few percent of the table,
    // for which PostgreSQL's estimates sometimes prefer a full sequential scan per chunk (measured:
    // 10x slower at 10M events) and JIT-compile each chunk; both are switched off for this transaction.
    static let beginSQL = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
    static let sessionSettingsSQL = "SET LOCAL statement_timeout = 0; SET LOCAL enable_seqscan = off; SET LOCAL jit = off"

    /// Caller: `refresh(on:maxChangedBuckets:)`. A refresh reads a few thousand rows while a request
    /// waits: starting parallel workers for them cost more than the read (measured 25 ms against 6 ms at
    /// 10M events; the BRIN estimate makes the planner expect the whole table).
    static let refreshSettingsSQL = "SET LOCAL max_parallel_workers_per_gather = 0"

    /// Caller: `build(on:)` and `refresh(on:maxChangedBuckets:)`.
    static let versionSQL = "SELECT data_version FROM warehouse_state"

    /// Caller: `build(on:)`. First and last bucket holding events (two index probes).
    static let boundsSQL = """
        SELECT floor(extract(epoch FROM min(event_timestamp)) / 900)::bigint AS first_bucket,
               floor(extract(epoch FROM max(event_timestamp)) / 900)::bigint AS last_bucket
        FROM clickstream_events
        """

    /// Caller: `build(on:)`. The first bucket with events at or after $1 (Unix seconds), to skip gaps.
    static let nextBucketSQL = """
        SELECT floor(extract(epoch FROM min(event_timestamp)) / 900)::bigint
        FROM clickstream_events WHERE event_timestamp >= to_timestamp($1::bigint)
        """

    /// Caller: `refresh(on:maxChangedBuckets:)`. Buckets the changes after version $1 up to $2 touched,
    /// each with the transaction that loaded its new rows (NULL for a rollup rebuild's change).
    static let changedBucketsSQL = """
        SELECT DISTINCT floor(extract(epoch FROM bucket) / 900)::bigint AS bucket, load_xact
        FROM rollup_changes WHERE data_version > $1 AND data_version <= $2
        ORDER BY 1
        """

    /// Caller: `scan(_:on:)`. What the index keeps of each event, in `IndexBuilder.Column` order; the
    /// user only where it counts (logged in) and the total as text, so Swift parses it exactly.
    static let scanColumns = """
        event_timestamp, event_name, user_login_state, context_product_category, context_product_brand,
        context_product_id, context_product_name, session_id, client_id,
        CASE WHEN user_login_state = 'logged_in' THEN user_id END, order_total::text
        """

    /// Caller: `refresh(on:maxChangedBuckets:)`. The rows the transactions `loads` inserted (`load_xact`, migration
    /// 11); the range lets the BRIN index skip all but the recent part of the table. COPY takes no
    /// parameters: the ids are whole numbers made here.
    static func loadsSQL(_ loads: [Int64]) -> String {
        let ids = loads.map(String.init).joined(separator: ", ")
        return "COPY (SELECT \(scanColumns) FROM clickstream_events WHERE load_xact BETWEEN \(loads.min() ?? 0) AND \(loads.max() ?? 0) "
            + "AND load_xact IN (\(ids))) TO STDOUT (FORMAT binary)"
    }

    /// Caller: `scan(_:on:)`. COPY takes no parameters: the bounds are whole numbers made here.
    static func scanSQL(_ runs: some Sequence<Range<Int>>) -> String {
        let ranges = runs.map { run in
            "(event_timestamp >= to_timestamp(\(run.lowerBound * 900)) AND event_timestamp < to_timestamp(\(run.upperBound * 900)))"
        }
        return "COPY (SELECT \(scanColumns) FROM clickstream_events WHERE \(ranges.joined(separator: " OR "))) TO STDOUT (FORMAT binary)"
    }

    /// Reads the whole warehouse into this (fresh) builder.
    mutating func build(on connection: PostgresConnection) throws {
        try begin(connection)
        do {
            dataVersion = try Self.version(on: connection)
            funnelSteps = try FunnelStepDefinition.definitions(connection.query(FunnelStepDefinition.query))
            let bounds = try connection.query(Self.boundsSQL)
            if let row = bounds.first, let first = try row.decodeIfPresent(Int.self, at: 0),
               let last = try row.decodeIfPresent(Int.self, at: 1) {
                var cursor = first
                // Chunks of about 100k-400k rows: big enough that per-query costs vanish, small
                // enough that the rows in flight stay a few megabytes.
                var span = 96
                while cursor <= last {
                    let end = min(cursor + span, last + 1)
                    let rows = try scan([cursor..<end], on: connection)
                    append(assemble())
                    if rows < 100_000 { span = min(span * 2, 96 * 366) } else if rows > 400_000 { span = max(4, span / 2) }
                    let next = try connection.query(Self.nextBucketSQL, [end * 900])
                    guard let bucket = try next.first?.decodeIfPresent(Int.self, at: 0) else { break }
                    cursor = bucket
                }
            }
            rebuildDays(nil)
            try connection.execute("COMMIT")
        } catch {
            if connection.isHealthy { try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    /// Brings the builder to the warehouse's current version by reloading the buckets the loads
    /// since its version touched (`rollup_changes`).
    mutating func refresh(on connection: PostgresConnection, maxChangedBuckets: Int) throws -> RefreshOutcome {
        try begin(connection)
        do {
            try connection.execute(Self.refreshSettingsSQL)
            let outcome = try refreshInTransaction(on: connection, maxChangedBuckets: maxChangedBuckets)
            try connection.execute("COMMIT")
            return outcome
        } catch {
            if connection.isHealthy { try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    private mutating func refreshInTransaction(on connection: PostgresConnection, maxChangedBuckets: Int) throws -> RefreshOutcome {
        let version = try Self.version(on: connection)
        if version == dataVersion { return .unchanged }
        if version < dataVersion { return .needsFullBuild(reason: "the data version went back") }
        if version - dataVersion >= EventRollups.changeRetention {
            return .needsFullBuild(reason: "the changes since the index's version were pruned")
        }
        let result = try connection.query(Self.changedBucketsSQL, [dataVersion, version])
        var changedSet = Set<Int>()
        var loads = Set<Int64>()
        var everyChangeIsALoad = true
        for row in result {
            changedSet.insert(try row.decode(Int.self, at: 0))
            if let load = try row.decodeIfPresent(Int64.self, at: 1) { loads.insert(load) } else { everyChangeIsALoad = false }
        }
        let changed = changedSet.sorted()
        if changed.count > maxChangedBuckets { return .needsFullBuild(reason: "\(changed.count) buckets changed") }
        let steps = try FunnelStepDefinition.definitions(connection.query(FunnelStepDefinition.query))
        let stepsChanged = steps != funnelSteps
        funnelSteps = steps
        let touched: [Int]
        if everyChangeIsALoad {
            // Loads only add rows: read just theirs and merge them into the buckets they fall in.
            if !loads.isEmpty { _ = try connection.copyOutBinary(Self.loadsSQL(loads.sorted())) { row in try ingest(row) } }
            let merged = assemble().map { delta in
                let position = IndexStore.lowerBound(delta.number, in: numbers)
                guard position < numbers.count, numbers[position] == delta.number else { return delta }
                return mergeBuckets(buckets[position], delta)
            }
            touched = merged.map(\.number)
            replace(touched, with: merged)
        } else {
            try reload(changed, on: connection)
            touched = changed
        }
        // Days hold sessions per funnel step: new steps mean every day is summed again. Otherwise the
        // touched days are summed after this version is published (`completePendingDays`): summing a
        // day of events costs more than answering a page from its buckets.
        if stepsChanged {
            rebuildDays(nil)
        } else {
            deferDays(Set(touched.map { CivilDay.floorDivide($0, 96) }))
        }
        dataVersion = version
        return .refreshed(buckets: touched.count, newRowsOnly: everyChangeIsALoad)
    }

    /// Reads the buckets `changed` (ascending) whole again and swaps them in.
    private mutating func reload(_ changed: [Int], on connection: PostgresConnection) throws {
        var runs: [Range<Int>] = []
        for number in changed {
            if let last = runs.last, last.upperBound == number {
                runs[runs.count - 1] = last.lowerBound..<(number + 1)
            } else {
                runs.append(number..<(number + 1))
            }
        }
        var batch = 0
        while batch < runs.count {
            let end = min(batch + 64, runs.count)
            _ = try scan(runs[batch..<end], on: connection)
            batch = end
        }
        replace(changed, with: assemble())
    }

    /// Streams the events of `runs` (bucket ranges) into the builder; returns the rows read.
    private mutating func scan(_ runs: some Sequence<Range<Int>>, on connection: PostgresConnection) throws -> Int {
        try connection.copyOutBinary(Self.scanSQL(runs)) { row in try ingest(row) }
    }

    private mutating func begin(_ connection: PostgresConnection) throws(PostgresError) {
        discardPending()
        try connection.execute(Self.beginSQL)
        try connection.execute(Self.sessionSettingsSQL)
    }

    private static func version(on connection: PostgresConnection) throws(PostgresError) -> Int64 {
        guard let version = try connection.query(versionSQL).first?.decodeIfPresent(Int64.self, at: 0) else {
            throw PostgresError(kind: .decoding, message: "warehouse_state has no data version")
        }
        return version
    }
}
