import Postgres

/// Keeps `etl_runs` truthful: a 'running' row at start, totals or the error at the end.
struct ETLRunRecorder: Sendable {
    let pool: PostgresPool

    // ETLRunRecorder.start — runs left 'running' by a killed process (we hold the run lock, so none is live).
    static let failAbandonedRuns = """
        UPDATE etl_runs SET status = 'failed', finished_at = now(), error = 'interrupted: the process stopped before the run finished'
        WHERE status = 'running'
        """
    // ETLRunRecorder.start
    static let insertRun = "INSERT INTO etl_runs (status, trigger) VALUES ('running', $1) RETURNING run_id"
    // ETLRunRecorder.finish — a run's success moves "data complete up to", which every API answer carries in its
    // meta, so the data version moves too: answers cached under the old version are not served with the old time.
    static let finishRun = """
        WITH finished AS (
            UPDATE etl_runs SET status = 'succeeded', finished_at = now(), objects = $2, events = $3, duplicates = $4, rejects = $5
            WHERE run_id = $1
            RETURNING run_id
        )
        UPDATE warehouse_state SET data_version = data_version + 1, updated_at = now()
        WHERE EXISTS (SELECT 1 FROM finished)
        """
    // ETLRunRecorder.fail — totals so far were committed batch by batch, so they are recorded too.
    static let failRun = """
        UPDATE etl_runs SET status = 'failed', finished_at = now(), objects = $2, events = $3, duplicates = $4, rejects = $5,
            error = $6
        WHERE run_id = $1
        """

    func start(trigger: String) async throws -> Int64 {
        try await pool.withConnection { connection in
            try connection.query(Self.failAbandonedRuns)
            let result = try connection.query(Self.insertRun, [trigger])
            guard let row = result.first else {
                throw PostgresError(kind: .query, message: "INSERT … RETURNING gave no run id", operation: "etl_runs insert")
            }
            return try row.decode(Int64.self, at: 0)
        }
    }

    func finish(runID: Int64, totals: BatchOutcome) async throws {
        try await pool.query(Self.finishRun, [runID, totals.objects, totals.inserted, totals.duplicates, totals.rejects])
    }

    func fail(runID: Int64, totals: BatchOutcome, error: any Error) async throws {
        let message = String(String(describing: error).prefix(2000))
        try await pool.query(Self.failRun, [runID, totals.objects, totals.inserted, totals.duplicates, totals.rejects, message])
    }
}
