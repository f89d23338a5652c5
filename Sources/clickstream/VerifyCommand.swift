import ArgumentParser
import Foundation
import Postgres
import Warehouse

/// `clickstream verify`: recomputes every rollup from `clickstream_events` and reports where they differ.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the dashboard's rollups equal a recomputation from clickstream_events.",
        discussion: """
            Recomputes every 15-minute rollup row from the raw table and compares it with the stored one. \
            Exits 0 when they match and 1 when they differ, listing the differing rows.

            With --repair, the differing rows are rewritten from the raw table after the report (the \
            dashboard keeps reading; loads wait until the repair commits) and the result is checked again.
            """)

    @Flag(name: .customLong("repair"), help: "Rewrite the differing rollup rows from clickstream_events after reporting them.")
    var repair = false

    @Option(name: .customLong("limit"), help: "List at most this many differing rows.")
    var limit = 20

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() async throws {
        let logger = logging.makeLogger(label: "clickstream.verify")
        let (limit, repair) = (self.limit, self.repair)
        let outcome = try await warehouse.withMigratedWarehouse(logger: logger, maxConnections: 1) { pool in
            try await pool.withConnection { connection in
                let found = try EventRollups.verify(on: connection, limit: limit)
                guard repair, !found.matches else { return (found, nil as (buckets: Int, after: RollupVerification)?) }
                let buckets = try EventRollups.rebuild(on: connection)
                return (found, (buckets, try EventRollups.verify(on: connection, limit: limit)))
            }
        }
        let (found, repaired) = outcome
        print(Self.report(found))
        guard !found.matches else { return }
        guard let repaired else {
            print("""

                Next: `clickstream verify --repair` rewrites these rows from clickstream_events (the dashboard keeps
                serving meanwhile). Rollups only change with the rows in the ETL's load transaction, so a
                difference usually means rows were written to, changed in or deleted from clickstream_events
                by hand. If it comes back without such edits, please report it with this output.
                """)
            throw ExitCode(1)
        }
        print("\nrepaired: rewrote rollups in \(repaired.buckets) buckets; data version bumped so dashboards refresh")
        print(Self.report(repaired.after))
        if !repaired.after.matches {
            print("\nThe rollups still differ after the repair: a load may have committed meanwhile; run verify again.")
            throw ExitCode(1)
        }
    }

    static func report(_ verification: RollupVerification) -> String {
        if verification.matches {
            return "rollups match: \(verification.rows) rows in \(verification.buckets) buckets"
                + " (\(verification.events) events with a timestamp)"
        }
        var lines = ["rollups differ from clickstream_events: \(verification.differingRows) rows in "
            + "\(verification.differingBuckets) buckets (of \(verification.rows) rows in \(verification.buckets) buckets)"]
        let header = ["bucket (UTC)", "event_name", "login_state", "category", "brand", "product_id", "product_name",
                      "stored (events / order total)", "expected"]
        let rows = verification.differences.map { difference in
            [String(PostgresTimestamp.format(difference.bucket).prefix(16)).replacingOccurrences(of: "T", with: " "),
             shown(difference.eventName), shown(difference.loginState), shown(difference.category), shown(difference.brand),
             shown(difference.productID), shown(difference.productName),
             counts(difference.stored, absent: "no row"), counts(difference.expected, absent: "no row (no raw events)")]
        }
        lines += table([header] + rows)
        let hidden = verification.differingRows - verification.differences.count
        if hidden > 0 { lines.append("... and \(hidden) more (--limit \(verification.differingRows) lists them all)") }
        return lines.joined(separator: "\n")
    }

    private static func shown(_ value: String) -> String {
        if value.isEmpty { return "(none)" }
        return value.count > 24 ? value.prefix(23) + "…" : value
    }

    private static func counts(_ counts: RollupVerification.Counts?, absent: String) -> String {
        guard let counts else { return absent }
        return "\(counts.events) / \(counts.orderTotal)"
    }

    /// Left-aligned columns, two spaces apart.
    private static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                index == columns - 1 ? cell.0 : cell.0 + String(repeating: " ", count: cell.1 - cell.0.count)
            }.joined(separator: "  ")
        }
    }
}
