import Foundation
import Postgres
import Testing

@Suite("Timestamp text")
struct PostgresTimestampTests {
    @Test("formats UTC with microseconds")
    func formatsUTC() {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_764_998_049.5)) == "2025-12-06T05:14:09.500000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000000Z")
    }

    @Test("parses PostgreSQL output, ISO 8601 with offsets, and bare dates as UTC")
    func parsesForms() {
        let expected = Date(timeIntervalSince1970: 1_764_998_049.512)
        #expect(PostgresTimestamp.parse("2025-12-06 05:14:09.512+00") == expected)
        #expect(PostgresTimestamp.parse("2025-12-06T05:14:09.512Z") == expected)
        #expect(PostgresTimestamp.parse("2025-12-06T12:14:09.512+07:00") == expected)
        #expect(PostgresTimestamp.parse("2025-12-06T10:59:09.512+05:45") == expected)
        #expect(PostgresTimestamp.parse("2025-12-06") == Date(timeIntervalSince1970: 1_764_979_200))
    }

    @Test("rejects text that is not a timestamp")
    func rejectsGarbage() {
        for text in ["yesterday-ish", "2025-13-01", "2025-12-06 25:00", "2025-12-06T05:14:09+", ""] {
            #expect(PostgresTimestamp.parse(text) == nil, "\(text)")
        }
    }
}
