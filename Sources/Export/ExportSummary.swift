/// What one export run did, for the CLI and the logs.
public struct ExportSummary: Sendable, CustomStringConvertible {
    public struct Day: Sendable {
        public let day: String
        public let generation: Int
        public let rows: Int64
        public let bytes: Int64
        public let rowGroups: Int
        public let decimalsOutOfRange: Int64
        public let seconds: Double
    }

    public internal(set) var exported: [Day] = []
    /// Days that need exporting but a load touched within the delay: the next run takes them.
    public internal(set) var stillOpen: [String] = []
    public internal(set) var location = ""

    public var rows: Int64 { exported.reduce(0) { $0 + $1.rows } }
    public var bytes: Int64 { exported.reduce(0) { $0 + $1.bytes } }
    public var decimalsOutOfRange: Int64 { exported.reduce(0) { $0 + $1.decimalsOutOfRange } }

    public var description: String {
        var lines = exported.map { day in
            let rate = day.seconds > 0 ? Int(Double(day.rows) / day.seconds) : 0
            return "exported \(day.day)  generation \(day.generation)  \(day.rows) rows  \(day.bytes) bytes  "
                + "\(day.rowGroups) row group\(day.rowGroups == 1 ? "" : "s")  \(rate) rows/s"
                + (day.decimalsOutOfRange > 0 ? "  \(day.decimalsOutOfRange) decimals out of DECIMAL(19,4) range written as NULL" : "")
        }
        if exported.isEmpty { lines.append("nothing to export: every closed day is exported at its current data") }
        for day in stillOpen { lines.append("waiting on \(day): loaded within EXPORT_DELAY, exported once it settles") }
        lines.append("days exported:      \(exported.count)")
        lines.append("rows written:       \(rows)")
        lines.append("bytes written:      \(bytes)")
        if decimalsOutOfRange > 0 { lines.append("decimals as NULL:   \(decimalsOutOfRange)") }
        lines.append("location:           \(location)")
        return lines.joined(separator: "\n")
    }
}
