import Postgres
import TestSupport
import Testing

/// `numeric` as the server sends it in a binary COPY, read at scale 4.
@Suite("Binary numeric")
struct PostgresNumericTests {
    func decode(_ literals: [String]) async throws -> [PostgresNumeric?] {
        try await withTestDatabase { db in
            try await db.pool.withConnection { connection in
                var values: [PostgresNumeric?] = []
                let list = literals.map { "('\($0)'::numeric)" }.joined(separator: ", ")
                _ = try connection.copyOutBinary("COPY (SELECT v FROM (VALUES \(list), (NULL)) AS t (v)) TO STDOUT (FORMAT binary)") { row in
                    values.append(try row.numeric(0, scale: 4))
                }
                return values
            }
        }
    }

    @Test("values with at most 4 decimals read as their unscaled integer, signs and trailing zeros included")
    func exactValues() async throws {
        let values = try await decode(["0", "1.5", "-1.5", "0.0001", "10000", "12345.6700", "999999999999999.9999", "-20000000.25"])
        #expect(values == [.unscaled(0), .unscaled(15_000), .unscaled(-15_000), .unscaled(1), .unscaled(100_000_000),
                           .unscaled(123_456_700), .unscaled(9_999_999_999_999_999_999), .unscaled(-200_000_002_500), nil])
    }

    @Test("a fifth decimal, NaN and a value past 128 bits are told apart, not rounded or wrapped")
    func unrepresentableValues() async throws {
        let values = try await decode(["1.23456", "0.00001", "NaN", "123456789012345678901234567890123456789"])
        #expect(values == [.tooPrecise, .tooPrecise, .notFinite, .tooLarge, nil])
    }
}
