import Foundation

/// The credentials of an `Authorization` field: HTTP Basic (RFC 7617) or a Bearer token (RFC 6750).
public enum HTTPCredentials: Sendable, Equatable {
    case basic(user: String, password: String)
    case bearer(String)

    /// Parses one `Authorization` value; nil when it is absent, another scheme, or malformed (Basic that is not
    /// base64 of UTF-8 `user:password`, a Bearer token outside RFC 6750's token68 characters).
    public init?(authorization value: String?) {
        guard let value else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        let credentials = parts[1].trimmingSpaces()
        switch scheme {
        case "basic":
            guard let data = Data(base64Encoded: String(credentials)), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return nil }
            self = .basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        case "bearer":
            guard !credentials.isEmpty, credentials.utf8.allSatisfy(Self.isToken68Byte) else { return nil }
            self = .bearer(String(credentials))
        default:
            return nil
        }
    }

    /// The secret: the Basic password or the Bearer token.
    public var secret: String {
        switch self {
        case .basic(_, let password): password
        case .bearer(let token): token
        }
    }

    /// `ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/"`, then `=` padding (RFC 6750 §2.1).
    private static func isToken68Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"),
             UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
