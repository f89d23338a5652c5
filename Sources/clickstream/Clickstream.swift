import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `clickstream` command: one binary for the dashboard server, the ETL, migrations and demo data.
@main
struct Clickstream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clickstream",
        abstract: "Turns raw click events in a data lake into a private analytics dashboard.",
        discussion: """
            Flags override environment variables. Without DATABASE_URL (or DW_PG_HOST), `serve` and `etl`
            start a private PostgreSQL in ./.clickstream/pg and stop it on exit.
            """,
        subcommands: [ServeCommand.self, ETLCommand.self, EnrichCommand.self, MigrateCommand.self, VerifyCommand.self, GenerateCommand.self,
                      CollectCommand.self, TokenCommand.self, ExportCommand.self],
        defaultSubcommand: nil
    )

    /// ArgumentParser's entry point, after one process-wide setting: a write to a closed pipe (`clickstream etl
    /// | head`) fails with EPIPE instead of killing the process, which would leave an embedded PostgreSQL
    /// running and a run cut short. The socket layer asks for the same when a server starts.
    static func main() async {
        _ = signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
