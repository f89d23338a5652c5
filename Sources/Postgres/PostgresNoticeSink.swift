import CLibPQ
import Logging

/// Where a connection's server notices and warnings go: the structured log, not libpq's default of printing
/// `NOTICE:  …` lines to stderr in the middle of our log output. Notices are routine (`IF NOT EXISTS …
/// skipping`) and logged at debug; warnings at warning.
///
/// Lifetime invariant: the connection holds its sink strongly for as long as libpq may call the receiver
/// (until `PQfinish` in the connection's `deinit`), so the unretained pointer libpq keeps stays valid.
final class PostgresNoticeSink: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Installs the sink on `handle`; the caller keeps the sink alive as long as the handle.
    func install(on handle: OpaquePointer) {
        _ = PQsetNoticeReceiver(handle, { argument, result in
            guard let argument, let result else { return }
            Unmanaged<PostgresNoticeSink>.fromOpaque(argument).takeUnretainedValue().receive(result)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func receive(_ result: OpaquePointer) {
        let field = { (code: Character) in PostgresResultReader.errorField(code, of: result) }
        // "V" is the severity in English whatever lc_messages says ("S" may be translated).
        let severity = field("V") ?? field("S") ?? "NOTICE"
        var metadata: Logger.Metadata = ["db.severity": "\(severity)"]
        if let code = field("C") { metadata["db.sqlstate"] = "\(code)" }
        if let detail = field("D") { metadata["db.detail"] = "\(detail)" }
        let message = "server: " + (field("M") ?? "notice")
        if severity == "WARNING" {
            logger.warning("\(message)", metadata: metadata)
        } else {
            logger.debug("\(message)", metadata: metadata)
        }
    }
}
