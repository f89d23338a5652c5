import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The embedded PostgreSQL's lifetime as operators meet it: signals and crashes of the commands that use it.
@Suite("Embedded PostgreSQL: stopped by the last command that uses it", .serialized)
struct EmbeddedPostgresCLITests {
    let cli: CLIProcess
    let folder: URL

    init() throws {
        cli = try CLIProcess.locate()
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("cs-epg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Starts `clickstream <arguments> --pg-dir <folder>/pg` without DATABASE_URL; output goes to `log`.
    func start(_ arguments: [String], log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = cli.executable
        process.arguments = arguments + ["--pg-dir", folder.appendingPathComponent("pg").path]
        var environment = ProcessInfo.processInfo.environment
        for name in ["DATABASE_URL", "DW_PG_HOST", "PGHOST", "PGDATABASE"] { environment[name] = nil }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func waitFor(_ text: String, in log: URL, process: Process) async throws {
        for _ in 0..<600 {
            if (try? String(contentsOf: log, encoding: .utf8))?.contains(text) == true { return }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("never logged \(text): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// Waits for `process` to exit (a minute at most, then it is killed and the test fails).
    func finish(_ process: Process) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            CLIProcess.kill(process)
            Issue.record("\(process.arguments ?? []) did not exit within a minute")
        }
    }

    /// Stops a server a failed test left behind (immediate shutdown), so no postmaster outlives its folder.
    func stopLeftoverServer() {
        if let pid = postmasterPID { kill(pid, SIGQUIT) }
    }

    /// The server's postmaster, from its pid file (nil when there is none).
    var postmasterPID: Int32? {
        guard let pidText = try? String(contentsOf: folder.appendingPathComponent("pg/data/postmaster.pid"), encoding: .utf8) else {
            return nil
        }
        return pidText.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// True while the server's postmaster process lives.
    var isServerRunning: Bool {
        postmasterPID.map { kill($0, 0) == 0 } ?? false
    }

    @Test("a server left running by a killed command is stopped by the next one; a signal during start-up stops it too")
    func lastUserStopsTheServer() async throws {
        defer {
            stopLeftoverServer()
            try? FileManager.default.removeItem(at: folder)
        }
        // A command killed outright (SIGKILL: nothing runs) leaves its server behind...
        let killedLog = folder.appendingPathComponent("killed.log")
        let killed = try start(["migrate"], log: killedLog)
        try await waitFor("starting the embedded PostgreSQL", in: killedLog, process: killed)
        let deadline = ContinuousClock.now + .seconds(60)
        while !isServerRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        CLIProcess.kill(killed)
        try await finish(killed)
        #expect(isServerRunning)
        // ...and the next command, its only user now, stops it on the way out.
        let nextLog = folder.appendingPathComponent("next.log")
        let next = try start(["migrate"], log: nextLog)
        try await finish(next)
        #expect(next.terminationStatus == 0, "\((try? String(contentsOf: nextLog, encoding: .utf8)) ?? "")")
        #expect(!isServerRunning)

        // SIGTERM while serve is still starting its database: exit 143, and the database is stopped.
        let serveLog = folder.appendingPathComponent("serve.log")
        let serve = try start(["serve", "--port", "0", "--no-etl"], log: serveLog)
        try await waitFor("embedded PostgreSQL", in: serveLog, process: serve)
        kill(serve.processIdentifier, SIGTERM)
        try await finish(serve)
        #expect(serve.terminationStatus == 0, "\((try? String(contentsOf: serveLog, encoding: .utf8)) ?? "")")
        #expect(!isServerRunning)
    }

    @Test("serve on a port in use fails at once, naming the port, before starting a database")
    func busyPortFailsFirst() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (descriptor, port) = try Self.listenOnAnyPort()
        defer { close(descriptor) }
        let log = folder.appendingPathComponent("busy.log")
        let serve = try start(["serve", "--port", String(port), "--no-etl"], log: log)
        try await finish(serve)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(serve.terminationStatus != 0)
        #expect(output.contains("cannot listen on 127.0.0.1:\(port)"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pg/data").path), "\(output)")
    }

    /// A socket listening on 127.0.0.1 at a port the kernel picks, and that port.
    static func listenOnAnyPort() throws -> (Int32, Int) {
        struct SocketFailure: Error {}
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw SocketFailure() }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
