import AccessControl
import ArgumentParser
import Foundation

/// `clickstream token`: makes the access tokens `serve` asks for when ACCESS_TOKENS_FILE is set.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make access tokens for the dashboard and its API (see ACCESS_TOKENS_FILE).",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Print a fresh token once and append its name, scope and SHA-256 to the tokens file.",
            discussion: """
                The token goes to stdout alone (TOKEN=$(clickstream token add ci --api-only)); store it now: the file
                keeps only its hash. Use it as the password of HTTP Basic (any user name) or as
                `Authorization: Bearer <token>`. A running `serve` picks the new line up within a second.
                Revoke a token by deleting its line.
                """)

        @Argument(help: "A name for the token (letters, digits, '.', '_', '-'), shown in logs and unique in the file.")
        var name: String
        @Flag(name: .customLong("api-only"), help: "The token opens the API and /metrics, not the dashboard page.")
        var apiOnly = false
        @Option(help: "The tokens file (created owner-only when missing). Env: ACCESS_TOKENS_FILE.")
        var file: String?

        func run() throws {
            guard let path = file ?? Environment.current["ACCESS_TOKENS_FILE"] else {
                throw ConfigurationError("name the tokens file with --file or ACCESS_TOKENS_FILE")
            }
            let scope: AccessScope = apiOnly ? .api : .all
            let (token, entry) = AccessToken.make(name: name, scope: scope)
            do {
                try AccessTokenFile.append(entry, to: path)
            } catch {
                throw ConfigurationError(error.description)
            }
            print(token)
            // The note on stderr, so stdout holds the token alone.
            FileHandle.standardError.write(Data("token \(name) (scope \(scope.rawValue)) added to \(path); it is shown only this once\n".utf8))
        }
    }
}
