import Foundation
import Testing

/// `clickstream token add` and `serve --access-tokens-file` as an operator meets them.
@Suite("Access tokens on the command line")
struct AccessCommandTests {
    let cli: CLIProcess
    let folder: URL

    init() throws {
        cli = try CLIProcess.locate()
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("cs-tokens-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Runs `clickstream <arguments>` to the end (60 s at most) without a database URL: status, stdout, stderr.
    private func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = cli.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["DATABASE_URL", "DW_PG_HOST", "ACCESS_TOKENS_FILE"] { environment[name] = nil }
        process.environment = environment
        let (stdout, stderr) = (Pipe(), Pipe())
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    @Test("token add prints the token alone on stdout, and the file keeps its name, scope and SHA-256 only")
    func addsTokens() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tokens").path
        let added = try await run(["token", "add", "grafana", "--api-only", "--file", file])
        #expect(added.status == 0, "\(added.stderr)")
        let token = added.stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("cst_") && !token.contains("\n"))
        #expect(added.stderr.contains("token grafana (scope api) added"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("grafana ") })
        let hash = line.dropFirst("grafana api sha256:".count)
        #expect(line.hasPrefix("grafana api sha256:") && hash.count == 64 && hash.allSatisfy(\.isHexDigit))
        #expect(!text.contains(token))
        let again = try await run(["token", "add", "grafana", "--file", file])
        #expect(again.status != 0 && again.stderr.contains("already has a token named grafana"))
        let nowhere = try await run(["token", "add", "x"])
        #expect(nowhere.status != 0 && nowhere.stderr.contains("--file or ACCESS_TOKENS_FILE"))
    }

    @Test("serve with a malformed tokens file refuses to start, naming the file and the line, before any database")
    func refusesMalformedTokensFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tokens").path
        try Data("# tokens\nalice all sha256:\(String(repeating: "a", count: 64))\nbob everything sha256:\(String(repeating: "b", count: 64))\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let serve = try await run(["serve", "--port", "0", "--no-etl", "--access-tokens-file", file,
                                   "--pg-dir", folder.appendingPathComponent("pg").path])
        #expect(serve.status != 0)
        #expect(serve.stderr.contains("\(file) line 3: the scope must be all or api"), "\(serve.stderr)")
        #expect(!serve.stderr.contains(String(repeating: "b", count: 64)), "the hash is not echoed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pg/data").path))
    }
}
