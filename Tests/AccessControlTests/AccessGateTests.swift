import Foundation
import HTTP
import Testing
import TestSupport
@testable import AccessControl

@Suite("AccessGate")
struct AccessGateTests {
    let path: String
    let full: String
    let apiOnly: String
    let logs = LogRecords()

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)").path
        let (full, fullEntry) = AccessToken.make(name: "alice", scope: .all)
        let (apiOnly, apiEntry) = AccessToken.make(name: "grafana", scope: .api)
        try AccessTokenFile.append(fullEntry, to: path)
        try AccessTokenFile.append(apiEntry, to: path)
        self.full = full
        self.apiOnly = apiOnly
    }

    private func gate(burst: Double = 10) throws -> AccessGate {
        var configuration = AccessGate.Configuration()
        configuration.failureBurst = burst
        configuration.failuresPerSecond = 0.001
        return try AccessGate(path: path, configuration: configuration, logger: logs.makeLogger(level: .trace))
    }

    private func request(_ authorization: String?, from peer: String = "127.0.0.1") -> HTTPRequest {
        HTTPRequest(target: "/x", headers: authorization.map { ["Authorization": $0] } ?? [:], remoteAddress: peer)
    }

    private func basic(_ password: String, user: String = "anyone") -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    private func denial(_ gate: AccessGate, _ request: HTTPRequest, _ scope: AccessScope) -> AccessDenied? {
        do {
            try gate.authorize(request, requires: scope)
            return nil
        } catch {
            return error
        }
    }

    @Test("the right token passes as a Basic password (any user) or a Bearer token")
    func acceptsRightTokens() throws {
        let gate = try gate()
        #expect(try gate.authorize(request(basic(full)), requires: .all) == "alice")
        #expect(try gate.authorize(request(basic(full, user: "")), requires: .all) == "alice")
        #expect(try gate.authorize(request("Bearer \(full)"), requires: .api) == "alice")
        #expect(try gate.authorize(request("bearer \(apiOnly)"), requires: .api) == "grafana")
    }

    @Test("no token or a wrong one: 401 with a Basic challenge, and Bearer too where the API is asked for")
    func challenges() throws {
        let gate = try gate()
        let missing = try #require(denial(gate, request(nil), .all))
        #expect(missing.status == .unauthorized && missing.reason == .missingToken)
        #expect(missing.headers.values("WWW-Authenticate") == [#"Basic realm="clickstream", charset="UTF-8""#])
        let wrong = try #require(denial(gate, request("Bearer cst_wrong"), .api))
        #expect(wrong.status == .unauthorized && wrong.reason == .wrongToken)
        #expect(wrong.headers.values("WWW-Authenticate") == [
            #"Basic realm="clickstream", charset="UTF-8""#, #"Bearer realm="clickstream", error="invalid_token""#])
        #expect(denial(gate, request("Digest username=x"), .all)?.reason == .missingToken)
    }

    @Test("an API-only token gets 403 where the page scope is needed")
    func refusesOutOfScope() throws {
        #expect(denial(try gate(), request(basic(apiOnly)), .all) == .outOfScope)
        #expect(AccessDenied.outOfScope.status == .forbidden)
    }

    @Test("past the burst of wrong tokens an address gets 429 with Retry-After; others and right tokens are unaffected")
    func limitsFailures() throws {
        let gate = try gate(burst: 3)
        let statuses = (0..<5).map { _ in denial(gate, request(basic("cst_guess")), .all)?.status.code }
        #expect(statuses == [401, 401, 401, 429, 429])
        let limited = try #require(denial(gate, request(basic("cst_guess")), .all))
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 >= 1)
        #expect(try gate.authorize(request(basic(full)), requires: .all) == "alice", "a right token still passes")
        #expect(denial(gate, request(basic("cst_guess"), from: "127.0.0.2"), .all)?.status == .unauthorized)
        #expect(denial(gate, request(nil), .all)?.status == .unauthorized, "asking for the prompt is no failure")
    }

    @Test("a changed file is re-read; a malformed change keeps the tokens in force; a removed file leaves none valid")
    func reloadsOnChange() throws {
        let gate = try gate()
        #expect(gate.reloadIfChanged() == false)
        let (bob, entry) = AccessToken.make(name: "bob", scope: .all)
        try AccessTokenFile.append(entry, to: path)
        #expect(gate.reloadIfChanged())
        #expect(try gate.authorize(request(basic(bob)), requires: .all) == "bob")
        try Data("broken line\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(gate.reloadIfChanged() == false)
        #expect(try gate.authorize(request(basic(bob)), requires: .all) == "bob")
        #expect(logs.all.contains { $0.level == .error && ($0.metadata["error"] ?? "").contains("line 1") })
        try FileManager.default.removeItem(atPath: path)
        #expect(gate.reloadIfChanged())
        #expect(gate.tokenCount == 0)
        #expect(denial(gate, request(basic(bob)), .all)?.status == .unauthorized)
    }

    @Test("a missing or malformed file is refused at start with a line-numbered message")
    func refusesBadFileAtStart() throws {
        try Data("alice all \(String(repeating: "0", count: 64))\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AccessControlError.malformed(path: path, line: 1, problem: "the hash must be sha256: and 64 hex digits")) {
            try gate()
        }
        #expect(throws: AccessControlError.self) {
            try AccessGate(path: path + ".missing", logger: logs.makeLogger())
        }
    }

    @Test("no log line holds a token or its hash, whatever the outcome")
    func logsNoSecrets() throws {
        let gate = try gate(burst: 2)
        for authorization in [basic(full), basic(apiOnly), "Bearer \(full)", basic("cst_wrong_guess"), basic("cst_wrong_guess"),
                              basic("cst_wrong_guess"), nil] {
            _ = denial(gate, request(authorization), .all)
        }
        try AccessTokenFile.append(AccessToken.make(name: "late", scope: .all).entry, to: path)
        gate.reloadIfChanged()
        let hashes = try AccessTokenFile.load(path).map { AccessTokenFile.line(for: $0).split(separator: ":").last.map(String.init) ?? "" }
        let text = logs.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!text.isEmpty)
        for secret in [full, apiOnly, "cst_wrong_guess"] + hashes {
            #expect(!text.contains(secret))
        }
    }
}
