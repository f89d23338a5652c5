import Postgres
import Testing

/// A malformed connection string must never reach an error (and so a log line, page or JSON body) with
/// its password: libpq's parse errors quote the bad part, so the wrapper names the part instead.
@Suite("Connection errors never quote the password")
struct ConninfoSecrecyTests {
    static let canary = "Sup3rS3cretCanary"
    /// Halves of the canary, for forms that split it (an unencoded @ or / inside it).
    static let halves = ["Sup3rS3", "cretCanary"]

    static let malformed: [(conninfo: String, part: String)] = [
        ("postgresql://u:\(canary)%zz@/db", "%-escape"),
        ("postgresql://u:\(canary)%00@/db", "%00"),
        ("postgresql://u:\(canary)@[::1/db", "no closing ]"),
        ("postgresql://u:\(canary)@[]/db", "IPv6 host address is empty"),
        ("postgresql://u:Sup3rS3@cretCanary@localhost/db", "unencoded @"),
        ("postgres://u:Sup3rS3/cretCanary@localhost/db", "unencoded /"),
        ("postgresql://u:\(canary)@localhost/db?sslmode=a=b", "more than one ="),
        ("postgresql://u:\(canary)@localhost/db?\(canary)", "has no ="),
        ("postgresql://u:x@localhost/db?\(canary)=1", "not a connection option"),
        ("postgresql://u:\(canary)@localhost:5432x/db", "invalid integer value for the connection option port (the value is not shown)"),
        ("postgresql://u:\(canary)@[::1]x/db", "followed by something other"),
        ("host=localhost password=Sup3rS3 cretCanary", "has no ="),
        ("host=localhost password='\(canary)", "not closed"),
        ("host=localhost \(canary)=1", "not a connection option"),
    ]

    @Test("each malformed form names the malformed part and quotes none of the string")
    func malformedFormsNameThePart() {
        for (conninfo, part) in Self.malformed {
            do {
                _ = try PostgresConnection.connect(url: conninfo)
                Issue.record("\(conninfo) connected")
            } catch {
                let text = "\(error)"
                #expect(text.contains(part), "\(text)")
                #expect(!text.contains(Self.canary) && !Self.halves.contains(where: text.contains), "\(text)")
            }
        }
    }

    @Test("a database name holding an @ after a host, host:port or IPv6 host is no malformed password")
    func databaseNameWithAnAt() {
        for conninfo in ["postgresql://nowhere-host.invalid/db@x", "postgresql://nowhere-host.invalid:5432/db@x",
                         "postgresql://[::1]:1/db@x", "postgresql://u:p@nowhere-host.invalid/db@x"] {
            do {
                _ = try PostgresConnection.connect(url: conninfo, settings: [("connect_timeout", "1")])
            } catch {
                #expect(!"\(error)".contains("malformed"), "\(conninfo): \(error)")
            }
        }
    }

    @Test("connection failures after a good parse (bad port, no server) and a password setting quote no password")
    func connectionFailuresQuoteNoPassword() {
        let forms: [(String, [(String, String)])] = [
            ("postgresql://u:\(Self.canary)@/db?host=/nonexistent-dir&port=99999999", []),
            ("postgresql://u:\(Self.canary)@/db?host=/nonexistent-dir", []),
            ("", [("host", "/nonexistent-dir"), ("user", "u"), ("password", Self.canary)]),
            ("postgresql://u:\(Self.canary)@/db?host=/nonexistent-dir&connect_timeout=\(Self.canary)", []),
        ]
        for (conninfo, settings) in forms {
            #expect(throws: PostgresError.self) { try PostgresConnection.connect(url: conninfo, settings: settings) }
            do {
                _ = try PostgresConnection.connect(url: conninfo, settings: settings)
            } catch {
                #expect(!"\(error)".contains(Self.canary), "\(error)")
            }
        }
    }
}
