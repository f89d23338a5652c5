import Foundation
import Testing
import TestSupport
@testable import Postgres

@Suite("PostgreSQL errors: a lost session versus a failed statement")
struct PostgresErrorKindTests {
    @Test("libpq's own report of a lost server is a connection error even while libpq calls the connection good")
    func libpqLostServerIsAConnectionError() {
        #expect(PostgresResultReader.isSessionLost(severity: nil, sqlState: nil,
                                                  message: "server closed the connection unexpectedly", isHealthy: true))
        #expect(PostgresResultReader.isSessionLost(severity: nil, sqlState: nil,
                                                  message: "could not receive data from server: Connection reset by peer", isHealthy: true))
    }

    @Test("a session the server ends (FATAL) is a connection error; an ERROR with a SQLSTATE is the statement's")
    func severityDecides() {
        #expect(PostgresResultReader.isSessionLost(severity: "FATAL", sqlState: "57P01",
                                                  message: "terminating connection due to administrator command", isHealthy: true))
        #expect(!PostgresResultReader.isSessionLost(severity: "ERROR", sqlState: "42P01",
                                                   message: "relation \"x\" does not exist", isHealthy: true))
        #expect(!PostgresResultReader.isSessionLost(severity: "ERROR", sqlState: "57014",
                                                   message: "canceling statement due to user request", isHealthy: true))
    }

    @Test("a statement on a connection whose backend was terminated fails as a connection problem")
    func terminatedBackend() async throws {
        try await withTestDatabase { db in
            let victim = try PostgresConnection.connect(url: db.url)
            let pid = try #require(try victim.query("SELECT pg_backend_pid()").first).decode(Int.self, at: 0)
            try await db.pool.query("SELECT pg_terminate_backend($1, 5000)", [pid])
            let error = #expect(throws: PostgresError.self) { try victim.query("SELECT 1") }
            #expect(error?.isConnectionProblem == true)
        }
    }
}
