import CivilCalendar
import Foundation
import Lake
import Logging
import Parquet
import Postgres
import Synchronization

/// The analytics lake: each closed UTC day of `clickstream_events` as a Parquet file in the lake's store,
/// exported once and re-exported whole when a late load touches it.
///
/// A run holds a session advisory lock on one connection and, day by day: reads the data version, streams the
/// day's rows into an upload of `part-00000.parquet` that replaces the old file at commit (one atomic step:
/// rename locally, a completed multipart upload on S3), writes `_manifest.json`, then records the day in
/// `export_days`. Killed anywhere, a day folder holds the old file or the new one, never part of either; a
/// day whose ledger row was not written is exported again by the next run.
public struct LakeExport: Sendable {
    public struct Configuration: Sendable {
        /// Key prefix of the export (`EXPORT_PREFIX`); must lie outside the raw prefix. Default `exports/`.
        public var prefix = "exports/"
        /// A day is closed once it ended this long ago and no load touched it for as long (`EXPORT_DELAY`). Default 2 h.
        public var delay: Duration = .seconds(7200)
        /// Only days from/through these (days since 1970-01-01); nil for no bound.
        public var firstDay: Int?
        public var lastDay: Int?
        /// Re-export the days in range even when unchanged.
        public var force = false
        public var parquet = ParquetWriter.Options()

        public init() {}
    }

    public let store: any RawStore
    public let pool: PostgresPool
    public let configuration: Configuration
    public let logger: Logger

    public init(store: any RawStore, pool: PostgresPool, configuration: Configuration, logger: Logger) {
        self.store = store
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
    }

    public var layout: ExportLayout { ExportLayout(prefix: configuration.prefix) }

    /// Refuses an export prefix that overlaps the raw events' prefix.
    public static func validate(exportPrefix: String, rawPrefix: String) throws(ExportError) {
        let export = ExportLayout(prefix: exportPrefix).prefix
        guard !export.isEmpty, !export.hasPrefix(rawPrefix), !rawPrefix.hasPrefix(export) else {
            throw .prefixOverlapsRaw(export: export, raw: rawPrefix)
        }
    }

    /// Exports every day that needs it; stops between rows on cancellation (the day in progress keeps its old file).
    public func run() async throws -> ExportSummary {
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await pool.withConnection { [self] connection in
                let ledger = ExportLedger(connection: connection)
                guard try ledger.lock() else { throw ExportError.anotherExportInProgress }
                defer { ledger.unlock() }
                // Under the lock: no other export's upload is in progress, so what is left was abandoned.
                let tablePrefix = layout.tablePrefix
                try BlockingBridge.run { [store] in try await store.discardAbandonedUploads(under: tablePrefix) }
                return try exportDays(ledger: ledger, connection: connection, stop: stop)
            }
        } onCancel: {
            stop.set()
        }
    }

    private func exportDays(ledger: ExportLedger, connection: PostgresConnection, stop: StopFlag) throws -> ExportSummary {
        var summary = ExportSummary()
        summary.location = (store.location.hasSuffix("/") ? store.location : store.location + "/") + layout.tablePrefix
        let delay = Double(configuration.delay.components.seconds)
        let candidates = try ledger.candidates(from: ExportLayout.isoDay(configuration.firstDay ?? -719_162),
                                               through: ExportLayout.isoDay(configuration.lastDay ?? 2_932_896),
                                               delaySeconds: delay, force: configuration.force)
        let exporter = DayExporter(connection: connection, store: store, layout: layout, options: configuration.parquet,
                                   isCancelled: { stop.isSet })
        for candidate in candidates {
            if stop.isSet { throw ExportError.interrupted }
            let (start, end) = (Self.timestamp(candidate.day), Self.timestamp(candidate.day + 1))
            let isoDay = ExportLayout.isoDay(candidate.day)
            if try ledger.isOpen(from: start, to: end, delaySeconds: delay) {
                summary.stillOpen.append(isoDay)
                continue
            }
            let began = ContinuousClock.now
            let version = try ledger.dataVersion()
            try ledger.markPending(candidate.day)
            let written = try exporter.export(day: candidate.day, start: start, end: end)
            let generation = candidate.generation + 1
            let manifest = ExportManifest(
                table: ExportLayout.table, day: isoDay, generation: generation, dataVersion: version, exportedAt: Date(),
                rows: written.rows, compression: "\(configuration.parquet.compression)", decimalsOutOfRange: written.decimalsOutOfRange,
                files: [.init(key: layout.dataKey(candidate.day), rows: written.rows, bytes: written.bytes, md5: written.md5)])
            let manifestKey = layout.manifestKey(candidate.day)
            try BlockingBridge.run { [store] in try await store.put(manifestKey, bytes: manifest.bytes, contentType: "application/json") }
            try ledger.record(.init(day: candidate.day, generation: generation, dataVersion: version, rollupEvents: candidate.rollupEvents,
                                    rows: written.rows, fileKey: layout.dataKey(candidate.day), bytes: written.bytes, md5: written.md5,
                                    decimalsOutOfRange: written.decimalsOutOfRange))
            let elapsed = ContinuousClock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            summary.exported.append(.init(day: isoDay, generation: generation, rows: written.rows, bytes: written.bytes,
                                          rowGroups: written.rowGroups, decimalsOutOfRange: written.decimalsOutOfRange, seconds: seconds))
            if written.decimalsOutOfRange > 0 {
                logger.warning("decimals outside DECIMAL(19,4) exported as NULL", metadata: [
                    "export.day": "\(isoDay)", "export.decimals_out_of_range": "\(written.decimalsOutOfRange)"])
            }
            logger.info("day exported", metadata: [
                "export.day": "\(isoDay)", "export.generation": "\(generation)", "export.rows": "\(written.rows)",
                "export.bytes": "\(written.bytes)", "export.data_version": "\(version)"])
        }
        return summary
    }

    /// Midnight UTC of a day as PostgreSQL reads it.
    static func timestamp(_ day: Int) -> String {
        ExportLayout.isoDay(day) + " 00:00:00+00"
    }
}

/// Set once when the run is cancelled; read by the database job between rows.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}
