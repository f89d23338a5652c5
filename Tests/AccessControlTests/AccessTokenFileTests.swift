import Foundation
import Testing
@testable import AccessControl

@Suite("AccessTokenFile")
struct AccessTokenFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private static let hash = "sha256:" + String(repeating: "ab", count: 32)

    @Test("parses names, scopes and hashes; skips blank lines and comments")
    func parsesEntries() throws {
        let tokens = try AccessTokenFile.parse("# comment\n\nalice all \(Self.hash)\n\tgrafana\tapi\t\(Self.hash.uppercased().replacingOccurrences(of: "SHA256", with: "sha256"))\r\n", path: "t")
        #expect(tokens.map(\.name) == ["alice", "grafana"])
        #expect(tokens.map(\.scope) == [.all, .api])
        #expect(tokens[0].digest == Array(repeating: 0xAB, count: 32))
    }

    @Test("a malformed line is refused with its number and what is wrong, never its content", arguments: [
        ("alice all", "line 1: expected 3 fields, found 2"),
        ("# ok\nalice everything \(hash)", "line 2: the scope must be all or api"),
        ("alice all sha256:abcd", "line 1: the hash must be sha256: and 64 hex digits"),
        ("alice all md5:\(String(repeating: "ab", count: 32))", "line 1: the hash must be sha256:"),
        ("alice all sha256:+\(String(repeating: "a", count: 63))", "line 1: the hash must be sha256:"),
        ("al/ice all \(hash)", "line 1: the name may hold only"),
        ("alice all \(hash)\n\nalice api \(hash)", "line 3: a second token named alice"),
    ])
    func refusesMalformedLines(text: String, expected: String) {
        do {
            _ = try AccessTokenFile.parse(text, path: "/etc/clickstream/tokens")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("/etc/clickstream/tokens " + expected), "\(error)")
            #expect(!error.description.contains(String(repeating: "ab", count: 32)), "the hash is not echoed")
        }
    }

    @Test("append creates an owner-only file with its header, adds one line per token, refuses a second name")
    func appendsTokens() throws {
        let path = folder.appendingPathComponent("tokens").path
        let (token, entry) = AccessToken.make(name: "alice", scope: .all)
        try AccessTokenFile.append(entry, to: path)
        try AccessTokenFile.append(AccessToken.make(name: "ci", scope: .api).entry, to: path)
        let loaded = try AccessTokenFile.load(path)
        #expect(loaded.map(\.name) == ["alice", "ci"])
        #expect(loaded[0].digest == AccessToken.digest(of: token))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# clickstream access tokens"))
        #expect(!text.contains(token), "the token itself is never stored")
        #expect(throws: AccessControlError.duplicateName(path: path, name: "alice")) {
            try AccessTokenFile.append(AccessToken.make(name: "alice", scope: .api).entry, to: path)
        }
        #expect(throws: AccessControlError.invalidName("no spaces")) {
            try AccessTokenFile.append(AccessToken.make(name: "no spaces", scope: .api).entry, to: path)
        }
    }

    @Test("append refuses to add to a malformed file, and ends a last line that lacks its newline")
    func appendsOnlyToGoodFiles() throws {
        let broken = folder.appendingPathComponent("broken").path
        try Data("alice all\n".utf8).write(to: URL(fileURLWithPath: broken))
        #expect(throws: AccessControlError.self) { try AccessTokenFile.append(AccessToken.make(name: "bob", scope: .all).entry, to: broken) }
        let unterminated = folder.appendingPathComponent("unterminated").path
        try Data("alice all \(Self.hash)".utf8).write(to: URL(fileURLWithPath: unterminated))
        try AccessTokenFile.append(AccessToken.make(name: "bob", scope: .all).entry, to: unterminated)
        #expect(try AccessTokenFile.load(unterminated).map(\.name) == ["alice", "bob"])
    }

    @Test("fresh tokens are cst_ and 43 base64url characters, never twice the same, hashed like sha256sum")
    func makesTokens() {
        let tokens = (0..<100).map { _ in AccessToken.make(name: "t", scope: .all).token }
        #expect(Set(tokens).count == 100)
        for token in tokens {
            #expect(token.hasPrefix("cst_") && token.utf8.count == 47)
            #expect(token.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        // printf %s abc | sha256sum
        #expect(AccessTokenFile.line(for: AccessToken(name: "x", scope: .api, digest: AccessToken.digest(of: "abc")))
            == "x api sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
