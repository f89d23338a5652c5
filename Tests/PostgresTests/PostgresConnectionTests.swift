import Foundation
import Money
import Postgres
import Testing
import TestSupport

@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    @Test("parameters travel separately from the SQL, so quotes in values are just data")
    func parametersAreNotInterpolated() async throws {
        try await withTestDatabase { db in
            let result = try await db.pool.query("SELECT $1::text AS value", ["'); DROP TABLE x; --"])
            #expect(try result[0].decode(String.self, column: "value") == "'); DROP TABLE x; --")
        }
    }

    @Test("the server's notices and warnings go to the connection's logger, not to stderr")
    func noticesGoToTheLogger() async throws {
        try await withTestDatabase { db in
            let records = LogRecords()
            let connection = try PostgresConnection.connect(url: db.url, logger: records.makeLogger(level: .debug))
            try connection.execute("DO $$ BEGIN RAISE NOTICE 'just so you know'; RAISE WARNING 'look at this'; END $$")
            let logged = records.all.map { "\($0.level) \($0.message) \($0.metadata["db.severity"] ?? "-")" }
            #expect(logged == ["debug server: just so you know NOTICE", "warning server: look at this WARNING"])
        }
    }

    @Test("NULL parameters and NULL columns round-trip as nil")
    func nullRoundTrip() async throws {
        try await withTestDatabase { db in
            let result = try await db.pool.query("SELECT $1::text", [nil])
            #expect(result[0][0] == nil)
            #expect(try result[0].decodeIfPresent(String.self, at: 0) == nil)
            #expect(throws: PostgresError.self) { try result[0].decode(String.self, at: 0) }
        }
    }

    @Test("typed decoding reads ints, decimals, booleans, uuids and timestamps")
    func typedDecoding() async throws {
        try await withTestDatabase { db in
            let id = UUID()
            let row = try await db.pool.query(
                "SELECT 42::bigint, 1990000.50::numeric, true, $1::uuid, '2025-12-06 05:14:09.512+07'::timestamptz",
                [id])[0]
            #expect(try row.decode(Int.self, at: 0) == 42)
            #expect(try row.decode(Amount.self, at: 1) == Amount("1990000.50"))
            #expect(try row.decode(Bool.self, at: 2))
            #expect(try row.decode(UUID.self, at: 3) == id)
            let date = try row.decode(Date.self, at: 4)
            #expect(date == Date(timeIntervalSince1970: 1_764_972_849.512))
        }
    }

    @Test("a server error carries its SQLSTATE, message and the operation")
    func errorsCarrySQLState() async throws {
        try await withTestDatabase { db in
            do {
                _ = try await db.pool.query("-- tests.divide_by_zero\nSELECT 1 / 0")
                Issue.record("expected an error")
            } catch let error as PostgresError {
                #expect(error.sqlState == "22012")
                #expect(error.kind == .query)
                #expect(error.operation == "tests.divide_by_zero")
                #expect(!error.isConnectionProblem)
            }
        }
    }

    @Test("a failed transaction rolls back and the connection stays usable")
    func transactionRollsBack() async throws {
        try await withTestDatabase { db in
            try await db.pool.query("CREATE TABLE t (v int)")
            await #expect(throws: PostgresError.self) {
                try await db.pool.withConnection { connection in
                    try connection.transaction { connection in
                        try connection.query("INSERT INTO t VALUES (1)")
                        try connection.query("INSERT INTO t VALUES ('x')")
                    }
                }
            }
            #expect(try await db.pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("COPY streams rows with tabs, newlines, backslashes and NULLs intact")
    func copyEscapes() async throws {
        try await withTestDatabase { db in
            try await db.pool.query("CREATE TABLE t (a text, b text)")
            let tricky = "tab\there\nnew line \\ back\rslash ü"
            let copied = try await db.pool.withConnection { connection in
                try connection.copyIn("COPY t (a, b) FROM STDIN") { writer in
                    for index in 0..<10_000 { writer.writeRow([tricky, index.isMultiple(of: 2) ? nil : "\(index)"]) }
                }
            }
            #expect(copied == 10_000)
            let rows = try await db.pool.query("SELECT a, count(b) FROM t GROUP BY a")
            #expect(rows.count == 1)
            #expect(rows[0][0] == tricky)
            #expect(try rows[0].decode(Int.self, at: 1) == 5_000)
        }
    }

    @Test("a COPY whose producer throws keeps nothing and leaves the connection usable")
    func copyAbortKeepsNothing() async throws {
        struct Stop: Error {}
        try await withTestDatabase { db in
            try await db.pool.query("CREATE TABLE t (a text)")
            await #expect(throws: Stop.self) {
                try await db.pool.withConnection { connection in
                    _ = try connection.copyIn("COPY t (a) FROM STDIN") { writer in
                        writer.writeRow(["kept?"])
                        throw Stop()
                    }
                }
            }
            #expect(try await db.pool.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("text arrays are encoded so that ANY($1) matches quotes and backslashes")
    func textArrays() async throws {
        try await withTestDatabase { db in
            let values = ["a\"b", "c\\d", "plain", "with,comma", "{brace}"]
            let result = try await db.pool.query("SELECT count(*) FROM unnest($1::text[]) v WHERE v = ANY($1)", [values])
            #expect(try result[0].decode(Int.self, at: 0) == 5)
            let back = try await db.pool.query("SELECT unnest($1::text[])", [values]).map { $0[0] }
            #expect(back == values)
        }
    }

    @Test("a binary uuid[] parameter arrives intact and in order, beside text and NULL parameters")
    func binaryUUIDArrayRoundTrips() async throws {
        let ids = (0..<1_000).map { _ in UUID() }
        try await withTestDatabase { db in
            let rows = try await db.pool.query("""
                SELECT id::text, $2::text, $3::text IS NULL FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n
                """, [PostgresUUIDArray(ids), "x", nil])
            #expect(rows.map { $0[0] ?? "" } == ids.map { $0.uuidString.lowercased() })
            #expect(rows.allSatisfy { $0[1] == "x" && $0[2] == "t" })
            let empty = try await db.pool.query("SELECT cardinality($1::uuid[])", [PostgresUUIDArray([])])
            #expect(try empty[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("an unreachable server is a connection problem, not a crash")
    func unreachableServer() async throws {
        var configuration = PostgresPool.Configuration(url: "postgresql:///nowhere?host=/nonexistent-socket-dir")
        configuration.connectTimeout = .seconds(1)
        let pool = PostgresPool(configuration: configuration, logger: .init(label: "test"))
        do {
            _ = try await pool.query("SELECT 1")
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.isConnectionProblem)
        }
    }

    @Test("when every connection is busy, a caller waits at most the acquire timeout")
    func poolExhaustion() async throws {
        try await withTestDatabase { db in
            var configuration = PostgresPool.Configuration(url: db.url)
            configuration.maxConnections = 1
            configuration.acquireTimeout = .milliseconds(200)
            let pool = PostgresPool(configuration: configuration, logger: .init(label: "test"))
            defer { pool.shutdown() }
            async let slow: PostgresResult = pool.query("SELECT pg_sleep(1) AS busy")
            // Until the one connection is busy (a fixed sleep raced a slow start on a loaded machine).
            let busy = try await Self.poll(db.pool, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS busy' AND state = 'active'", until: 1)
            #expect(busy)
            do {
                _ = try await pool.query("SELECT 1")
                Issue.record("expected a pool timeout")
            } catch let error as PostgresError {
                #expect(error.kind == .pool)
                #expect(error.isConnectionProblem)
            }
            _ = try await slow
            #expect(try await pool.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("idle pooled connections the server closed (as on a restart) are replaced: the next queries all work")
    func serverClosedIdleConnectionsAreReplaced() async throws {
        try await withTestDatabase { db in
            var configuration = PostgresPool.Configuration(url: db.url)
            configuration.maxConnections = 3
            configuration.applicationName = "idle-victims"
            let pool = PostgresPool(configuration: configuration, logger: .init(label: "test"))
            defer { pool.shutdown() }
            // Three idle connections in the pool, each having run a query.
            async let a = pool.query("SELECT pg_sleep(0.2)")
            async let b = pool.query("SELECT pg_sleep(0.2)")
            async let c = pool.query("SELECT pg_sleep(0.2)")
            _ = try await (a, b, c)
            // CASE, not AND: the server may evaluate AND's operands in any order, and must end only these sessions.
            let terminated = try await db.pool.query("""
                SELECT count(*) FILTER (WHERE CASE WHEN application_name = 'idle-victims'
                                                   THEN pg_terminate_backend(pid, 5000) ELSE false END)
                FROM pg_stat_activity
                """)[0].decode(Int.self, at: 0)
            #expect(terminated == 3)
            for _ in 0..<4 {
                #expect(try await pool.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
            }
        }
    }

    @Test("a caller cancelled mid-statement has the statement cancelled on the server, and its connection closed")
    func cancelledCallerCancelsTheStatement() async throws {
        try await withTestDatabase { db in
            let sleeper = Task {
                try await db.pool.query("SELECT pg_sleep(60) AS cancellable", onTaskCancellation: .cancelStatement)
            }
            let sleeping = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS cancellable' AND state = 'active'"
            #expect(try await Self.poll(db.pool, sleeping, until: 1))
            let pid = "SELECT pid FROM pg_stat_activity WHERE query LIKE '%AS cancellable'"
            let backend = try await db.pool.query(pid)[0].decode(Int.self, at: 0)
            let started = ContinuousClock.now
            sleeper.cancel()
            let outcome = await sleeper.result
            #expect(started.duration(to: .now) < .seconds(10))
            #expect(throws: PostgresError.self) { try outcome.get() }
            // The backend that ran it is gone: closed, not handed to the next caller.
            let alive = "SELECT count(*) FROM pg_stat_activity WHERE pid = \(backend)"
            #expect(try await Self.poll(db.pool, alive, until: 0))
            #expect(try await db.pool.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("by default a cancelled caller's statement runs to its end")
    func cancelledCallerLetsTheStatementFinish() async throws {
        try await withTestDatabase { db in
            let sleeper = Task { try await db.pool.query("SELECT pg_sleep(1) AS finishing") }
            let sleeping = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS finishing' AND state = 'active'"
            let started = try await Self.poll(db.pool, sleeping, until: 1)
            #expect(started)
            sleeper.cancel()
            let rows = try await sleeper.value
            #expect(rows.count == 1)
        }
    }

    /// Runs a count query until it gives `target` (true) or 10 s pass (false).
    static func poll(_ pool: PostgresPool, _ sql: String, until target: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await pool.query(sql)[0].decode(Int.self, at: 0) == target { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("migrations apply once, in order, and record their versions")
    func migrationsApplyOnce() async throws {
        try await withTestDatabase { db in
            let migrator = PostgresMigrator(migrations: [
                PostgresMigration(version: 1002, name: "second", sql: "ALTER TABLE m ADD COLUMN b int"),
                PostgresMigration(version: 1001, name: "first", sql: "CREATE TABLE m (a int)"),
            ])
            let first = try await db.pool.withConnection { try migrator.apply(on: $0, logger: .init(label: "t")) }
            let second = try await db.pool.withConnection { try migrator.apply(on: $0, logger: .init(label: "t")) }
            #expect(first == [1001, 1002])
            #expect(second.isEmpty)
            _ = try await db.pool.query("SELECT a, b FROM m")
        }
    }
}
