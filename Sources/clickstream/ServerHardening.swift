import HTTP
import Logging
import Sockets

/// Settings `serve` and `collect` share under their own names: the hosts a server answers for, the cap on one
/// address's connections, and the process's open-file limit that connections need.
enum ServerHardening {
    /// The Host allow-list from a comma-separated `text` (names or addresses, any port; `*` for any), with
    /// localhost, loopback and `bind` always in. `setting` names the variable and flag in errors and in the 421.
    static func allowedHosts(_ text: String?, bind: String, setting: String) throws -> HostAllowList {
        let entries = (text ?? "").split(separator: ",").map(String.init)
        do {
            return try HostAllowList(bindAddress: bind, allowed: entries,
                                     refusalHint: "To reach it by this name, list the name in \(setting) where it runs.")
        } catch {
            throw ConfigurationError("\(setting): \(error)")
        }
    }

    /// A whole number of connections, 1 or more, from `text`; nil when unset.
    static func connectionsPerAddress(_ text: String?, setting: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw ConfigurationError("\(setting) must be a whole number of connections, 1 or more, got \(text)")
        }
        return value
    }

    /// Raises the soft open-file limit so the server can hold `maxConnections` (plus room for the database, the
    /// lake and the listener); warns when the hard limit stops it short, since accept would then fail first.
    static func raiseOpenFileLimit(for configuration: HTTPServer.Configuration, logger: Logger) {
        let wanted = configuration.maxConnections + 256
        let limit = OpenFileLimit.raise(to: wanted)
        if limit < wanted {
            logger.warning("the open-file limit is below what the connection limit needs; raise LimitNOFILE (systemd) or ulimit -n",
                           metadata: ["process.open_file_limit": "\(limit)", "http.max_connections": "\(configuration.maxConnections)"])
        }
    }
}
