import Logging
import Synchronization

/// Keeps every log record, for tests that check what the code logs.
public final class LogRecords: Sendable {
    /// One logged line.
    public struct Record: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])

    public init() {}

    func append(_ record: Record) { records.withLock { $0.append(record) } }
    public var all: [Record] { records.withLock { $0 } }

    /// A logger that records into this, from `level` up.
    public func makeLogger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "tests") { _ in Handler(records: self) }
        logger.logLevel = level
        return logger
    }

    struct Handler: LogHandler {
        let records: LogRecords
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).mapValues { "\($0)" }
            records.append(Record(level: event.level, message: "\(event.message)", metadata: fields))
        }
    }
}
