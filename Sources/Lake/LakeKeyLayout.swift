import Foundation

/// The key layouts of the lake: the one we write, and the partition time of every one we read.
public enum LakeKeyLayout {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()

    /// `events/YYYY/MM/DD/HH/event-<uuid>.json`, the hour in UTC: the original ingest Lambda's layout.
    public static func eventKey(prefix: String = "events/", receivedAt: Date, id: UUID) -> String {
        hourPrefix(prefix: prefix, at: receivedAt) + "event-" + id.uuidString.lowercased() + ".json"
    }

    /// `events/YYYY/MM/DD/HH/` for the UTC hour containing `date`.
    public static func hourPrefix(prefix: String = "events/", at date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour], from: date)
        return prefix + pad(parts.year ?? 0, 4) + "/" + pad(parts.month ?? 0, 2) + "/" + pad(parts.day ?? 0, 2) + "/"
            + pad(parts.hour ?? 0, 2) + "/"
    }

    /// The UTC start of the partition a key sits in, for the layouts we read:
    /// `…/YYYY/MM/DD/HH/…`, `…/YYYY/MM/DD/…` and Hive style `year=YYYY/month=MM/day=DD[/hour=HH]/…`.
    /// `nil` when the key carries no date.
    public static func partitionStart(of key: String) -> Date? {
        let parts = key.split(separator: "/").dropLast().map(String.init)
        if let hive = hivePartition(parts) { return hive }
        for start in parts.indices where parts[start].count == 4 {
            guard let year = Int(parts[start]), (1970...9999).contains(year),
                  start + 2 < parts.count,
                  let month = Int(parts[start + 1]), parts[start + 1].count == 2, (1...12).contains(month),
                  let day = Int(parts[start + 2]), parts[start + 2].count == 2, (1...31).contains(day) else { continue }
            var hour = 0
            if start + 3 < parts.count, parts[start + 3].count == 2, let value = Int(parts[start + 3]), (0...23).contains(value) {
                hour = value
            }
            return utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour))
        }
        return nil
    }

    private static func hivePartition(_ parts: [String]) -> Date? {
        var values: [String: Int] = [:]
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, let value = Int(pair[1]) { values[String(pair[0])] = value }
        }
        guard let year = values["year"], let month = values["month"], let day = values["day"] else { return nil }
        return utc.date(from: DateComponents(year: year, month: month, day: day, hour: values["hour"] ?? 0))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
