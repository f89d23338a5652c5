import ArgumentParser

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
        subcommands: [ServeCommand.self, ETLCommand.self, MigrateCommand.self, VerifyCommand.self, GenerateCommand.self, CollectCommand.self],
        defaultSubcommand: nil
    )
}
