import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `clickstream` executable, run as a child process the way an operator (or a crash) would.
struct CLIProcess {
    struct NotBuilt: Error, CustomStringConvertible {
        var description: String {
            "no clickstream executable next to the test binary: run `swift build --build-tests` (make test does)"
        }
    }

    let executable: URL

    /// Next to the test binary (`.build/debug/clickstream`), searched upwards from CommandLine.arguments[0];
    /// `CLICKSTREAM_BIN` overrides.
    static func locate() throws -> CLIProcess {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CLICKSTREAM_BIN"], fileManager.isExecutableFile(atPath: path) {
            return CLIProcess(executable: URL(fileURLWithPath: path))
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL]
        if let main = Bundle.main.executableURL { candidates.append(main) }
        for start in candidates {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let binary = folder.appendingPathComponent("clickstream")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: binary.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fileManager.isExecutableFile(atPath: binary.path) {
                    return CLIProcess(executable: binary)
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        throw NotBuilt()
    }

    /// Starts `clickstream etl` against `databaseURL` and `lakeDirectory`; output goes to `log`.
    func startETL(databaseURL: String, lakeDirectory: URL, arguments: [String] = [], log: FileHandle) throws -> Process {
        try start(["etl", "--lake-dir", lakeDirectory.path, "--log-level", "warning"] + arguments, databaseURL: databaseURL, log: log)
    }

    /// Starts `clickstream` with `arguments` against `databaseURL`; output goes to `log`.
    func start(_ arguments: [String], databaseURL: String, log: FileHandle) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// Runs `clickstream etl` to the end; the exit status and what it printed.
    func runETL(databaseURL: String, lakeDirectory: URL, arguments: [String] = []) async throws -> (status: Int32, output: String) {
        try await run(["etl", "--lake-dir", lakeDirectory.path, "--log-level", "warning"] + arguments, databaseURL: databaseURL)
    }

    /// Runs `clickstream` with `arguments` to the end; the exit status and what it printed.
    func run(_ arguments: [String], databaseURL: String) async throws -> (status: Int32, output: String) {
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logURL) }
        let log = try FileHandle(forWritingTo: logURL)
        let process = try start(arguments, databaseURL: databaseURL, log: log)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try log.close()
        return (process.terminationStatus, (try? String(contentsOf: logURL, encoding: .utf8)) ?? "")
    }

    /// SIGKILL: no handler runs, no transaction is finished by the client.
    static func kill(_ process: Process) {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
    }
}
