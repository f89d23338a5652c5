import Foundation

/// Runs helper programs (initdb, pg_ctl), as another user when we are root.
struct ProcessRunner {
    /// The account to run as (via runuser), or `nil` to run as ourselves.
    let runAs: String?

    /// Gives `directory` (and what it holds) to the run-as user; PostgreSQL insists on owning its data.
    func handOver(_ directory: URL) throws {
        guard let runAs else { return }
        try run("/bin/chown", ["-R", runAs, directory.path], failure: "chown", asSelf: true)
        // The server must reach its folder: every parent needs search permission for it.
        if !(try succeeds("/usr/bin/test", ["-x", directory.path, "-a", "-w", directory.path])) {
            throw ConfigurationError("user \(runAs) cannot reach \(directory.path) (a parent folder is private): pass --pg-dir in a world-searchable place, e.g. /var/tmp/clickstream-pg, or set DATABASE_URL")
        }
    }

    /// Runs `program`; `detaches` is for programs that leave a daemon behind (pg_ctl start): their
    /// output is not captured, because the daemon would inherit the pipe and we would wait forever for EOF.
    func run(_ program: String, _ arguments: [String], failure: String, asSelf: Bool = false, detaches: Bool = false) throws {
        let (status, output) = try execute(program, arguments, asSelf: asSelf, detaches: detaches)
        guard status == 0 else {
            throw ConfigurationError("\(failure) failed (exit \(status)): \(output.suffix(800))")
        }
    }

    func succeeds(_ program: String, _ arguments: [String]) throws -> Bool {
        try execute(program, arguments, asSelf: false, detaches: false).status == 0
    }

    private func execute(_ program: String, _ arguments: [String], asSelf: Bool, detaches: Bool) throws -> (status: Int32, output: String) {
        let process = Process()
        if let runAs, !asSelf {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", runAs, "--", program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        // Run from a folder every user can read, so initdb's "could not change directory" warnings go away.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = FileHandle.nullDevice
        if detaches {
            // Not waited for: Foundation's waitUntilExit can miss the exit of a program whose child
            // daemonizes (seen with runuser + pg_ctl start). The caller polls for the daemon instead.
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (0, "")
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
