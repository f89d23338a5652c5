import ArgumentParser
import Logging

/// Log verbosity; logs are structured lines on stderr.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical. Env: LOG_LEVEL. Default: info")
    var level: String?

    func makeLogger(label: String) -> Logger {
        let name = level ?? Environment.current["LOG_LEVEL"] ?? "info"
        LoggingBootstrap.once(level: Logger.Level(rawValue: name.lowercased()) ?? .info)
        return Logger(label: label)
    }
}

/// swift-log may be bootstrapped once per process.
enum LoggingBootstrap {
    private static let done = LockedFlag()

    static func once(level: Logger.Level) {
        guard done.setFirst() else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
