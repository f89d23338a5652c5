import Foundation

/// Paths of the installed PostgreSQL server programs.
struct PostgresTools {
    let initdb: String
    let pgCtl: String

    /// Looks in `PG_BIN`, then Debian's /usr/lib/postgresql/<newest>/bin, then PATH.
    static func locate(_ environment: Environment = .current) throws -> PostgresTools {
        var folders: [String] = []
        if let bin = environment["PG_BIN"] { folders.append(bin) }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        folders += (environment["PATH"] ?? "/usr/local/bin:/usr/bin").split(separator: ":").map(String.init)
        for folder in folders {
            let initdb = folder + "/initdb", pgCtl = folder + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return PostgresTools(initdb: initdb, pgCtl: pgCtl)
            }
        }
        throw ConfigurationError("PostgreSQL server programs (initdb, pg_ctl) not found: install them (`apt-get install postgresql`, which `make run` does), set PG_BIN, or set DATABASE_URL")
    }
}
