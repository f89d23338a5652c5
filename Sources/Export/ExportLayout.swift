import CivilCalendar
import Foundation

/// Where the export lives in the store: `<prefix>clickstream_events/year=YYYY/month=MM/day=DD/` holding
/// `part-00000.parquet` (a day is one file, so that replacing it is one atomic step for every reader) and
/// `_manifest.json` (skipped by engines: Hive, Athena and Spark ignore names starting with `_`, and a
/// `*.parquet` glob does not match it).
public struct ExportLayout: Sendable {
    public static let table = "clickstream_events"
    public let prefix: String

    /// `prefix` with a trailing slash added when missing (`exports` → `exports/`).
    public init(prefix: String) {
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }

    /// The table's folder, under which the day partitions lie.
    public var tablePrefix: String { prefix + Self.table + "/" }

    /// Days since 1970-01-01 → `…/year=2025/month=12/day=05/`.
    public func dayFolder(_ day: Int) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.date(fromDays: day)
        return tablePrefix + "year=\(CivilCalendar.zeroPadded(year, width: 4))/month=\(CivilCalendar.zeroPadded(month, width: 2))"
            + "/day=\(CivilCalendar.zeroPadded(dayOfMonth, width: 2))/"
    }

    public func dataKey(_ day: Int) -> String { dayFolder(day) + "part-00000.parquet" }
    public func manifestKey(_ day: Int) -> String { dayFolder(day) + "_manifest.json" }

    /// `2025-12-05`.
    public static func isoDay(_ day: Int) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.date(fromDays: day)
        return "\(CivilCalendar.zeroPadded(year, width: 4))-\(CivilCalendar.zeroPadded(month, width: 2))-\(CivilCalendar.zeroPadded(dayOfMonth, width: 2))"
    }
}
