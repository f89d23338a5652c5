import Crypto
import Foundation

/// One entry of the tokens file: a name (for logs and for removing it), a scope and the SHA-256 of the token.
/// The token itself is never stored: it is 256 random bits, so its hash cannot be reversed or guessed and a
/// fast hash is right (a slow password hash protects low-entropy secrets; these are not).
public struct AccessToken: Sendable, Equatable {
    public let name: String
    public let scope: AccessScope
    /// SHA-256 of the token's UTF-8 bytes (what `printf %s TOKEN | sha256sum` prints, as bytes).
    public let digest: [UInt8]

    public init(name: String, scope: AccessScope, digest: [UInt8]) {
        self.name = name
        self.scope = scope
        self.digest = digest
    }

    /// The entry for a fresh token: the token (shown once, never stored) and what the file keeps.
    public static func make(name: String, scope: AccessScope) -> (token: String, entry: AccessToken) {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): a cryptographically secure source
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, AccessToken(name: name, scope: scope, digest: digest(of: token)))
    }

    /// Marks the tokens' text so secret scanners and people recognise one: `cst_` + 43 base64url characters.
    public static let prefix = "cst_"

    public static func digest(of token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether `candidate` is this token's digest, comparing every byte whatever the first difference.
    func matches(_ candidate: [UInt8]) -> Bool {
        guard candidate.count == digest.count else { return false }
        var difference: UInt8 = 0
        for index in digest.indices {
            difference |= digest[index] ^ candidate[index]
        }
        return difference == 0
    }

    /// Names are what logs and `token add` show: letters, digits, `.`, `_`, `-`; 1…64 of them.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
