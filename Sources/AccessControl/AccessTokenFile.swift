import Foundation

/// The tokens file: one token a line, `name scope sha256:<hex>`, fields separated by spaces or tabs; blank
/// lines and lines starting with `#` are ignored. Names are unique. `clickstream token add` writes it.
public enum AccessTokenFile {
    /// The first lines of a new file, saying what it holds.
    static let header = """
        # clickstream access tokens: one a line, "name scope sha256:<hex>", made by `clickstream token add`.
        # scope: all (the dashboard page and the API) or api (the API and /metrics). The hash is the SHA-256 of
        # the token (printf %s TOKEN | sha256sum); the token itself is not kept. Delete a line to revoke it.

        """

    /// The tokens in `text`, read from `path` (named in errors); throws at the first bad line, by its number.
    public static func parse(_ text: String, path: String) throws(AccessControlError) -> [AccessToken] {
        var tokens: [AccessToken] = []
        var names: Set<String> = []
        // `isNewline`: "\r\n" is one Character, which a split on "\n" would leave inside the line.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count == 3 else {
                throw .malformed(path: path, line: number, problem: "expected 3 fields, found \(fields.count)")
            }
            let name = String(fields[0])
            guard AccessToken.isValidName(name) else {
                throw .malformed(path: path, line: number, problem: "the name may hold only letters, digits, '.', '_' and '-' (1 to 64)")
            }
            guard let scope = AccessScope(rawValue: String(fields[1])) else {
                throw .malformed(path: path, line: number, problem: "the scope must be all or api")
            }
            guard let digest = digest(fromField: fields[2]) else {
                throw .malformed(path: path, line: number, problem: "the hash must be sha256: and 64 hex digits")
            }
            guard names.insert(name).inserted else {
                throw .malformed(path: path, line: number, problem: "a second token named \(name)")
            }
            tokens.append(AccessToken(name: name, scope: scope, digest: digest))
        }
        return tokens
    }

    /// The line that stores `token`.
    public static func line(for token: AccessToken) -> String {
        let hex = token.digest.map { String(UInt16($0) | 0x100, radix: 16).dropFirst() }.joined()
        return "\(token.name) \(token.scope.rawValue) sha256:\(hex)"
    }

    /// Reads and parses the file at `path`.
    public static func load(_ path: String) throws(AccessControlError) -> [AccessToken] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Appends `token`'s line to the file at `path`, creating it (owner-only, with the header) when missing.
    /// Refuses a malformed file or a name already there, so the file stays one a server accepts.
    public static func append(_ token: AccessToken, to path: String) throws(AccessControlError) {
        guard AccessToken.isValidName(token.name) else { throw .invalidName(token.name) }
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let existing = try load(path)
            guard !existing.contains(where: { $0.name == token.name }) else { throw .duplicateName(path: path, name: token.name) }
        } else {
            guard manager.createFile(atPath: path, contents: Data(header.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw .unwritable(path: path, reason: "cannot create it (does its folder exist?)")
            }
        }
        do {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let end = try handle.seekToEnd()
            var bytes = Data(line(for: token).utf8) + Data("\n".utf8)
            // A file whose last line has no newline would otherwise have the new line glued to it.
            if end > 0 {
                try handle.seek(toOffset: end - 1)
                if try handle.read(upToCount: 1) != Data("\n".utf8) { bytes.insert(UInt8(ascii: "\n"), at: 0) }
                try handle.seekToEnd()
            }
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            throw .unwritable(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// `sha256:` and 64 hex digits (either case) as 32 bytes.
    private static func digest(fromField field: Substring) -> [UInt8]? {
        guard field.hasPrefix("sha256:") else { return nil }
        let hex = Array(field.dropFirst("sha256:".count).utf8)
        guard hex.count == 64, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
            return nil
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
