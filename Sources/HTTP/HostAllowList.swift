import Sockets

/// Which hosts a server answers for, by the host a request names (its `Host`, or the authority of an
/// absolute-form target): the defence against DNS rebinding, where a web page on a name the attacker controls
/// is made to resolve to this server, and the browser would hand the page whatever the server answers.
///
/// Always allowed: `localhost`, loopback addresses (127.0.0.0/8, `[::1]`) and the address the server is bound
/// to (unless it is a wildcard such as 0.0.0.0: name this machine's addresses in `allowed` then). Ports are
/// ignored. A request that names no host at all (HTTP/1.0 without `Host`) is allowed: browsers always send
/// one, so such a request cannot come from a rebinding page. Anything else gets 421 from the server.
public struct HostAllowList: Sendable {
    /// An `allowed` entry that is not a host name or an IP address (with an optional port).
    public struct InvalidEntry: Error, Sendable, CustomStringConvertible {
        public let entry: String
        public var description: String {
            "\"\(entry)\" is not a host name or IP address (expected e.g. dashboard.example.com, 10.0.0.5 or [fd00::5], any port)"
        }
    }

    private let names: Set<String>
    private let addresses: Set<IPAddress>
    private let allowsAny: Bool
    /// The sentence the 421 answer adds, saying how to allow another host (the app knows its setting's name).
    public var refusalHint: String

    /// - Parameters:
    ///   - bindAddress: the server's listening address (a name or a numeric address).
    ///   - allowed: further host names or addresses, each with or without a port; `*` allows any host.
    ///   - refusalHint: appended to the 421 message, e.g. which setting lists the allowed hosts.
    public init(bindAddress: String?, allowed: [String] = [], refusalHint: String = "") throws(InvalidEntry) {
        var names: Set<String> = ["localhost"]
        var addresses: Set<IPAddress> = []
        var allowsAny = false
        for entry in allowed.map({ $0.trimmingSpaces() }).filter({ !$0.isEmpty }) {
            if entry == "*" {
                allowsAny = true
                continue
            }
            if let address = IPAddress(String(entry)) {
                addresses.insert(address)
                continue
            }
            guard let host = Self.host(inAuthority: entry), Self.isPlausibleHost(host) else {
                throw InvalidEntry(entry: String(entry))
            }
            if let address = IPAddress(host) { addresses.insert(address) } else { names.insert(host) }
        }
        if let bindAddress {
            if let address = IPAddress(bindAddress) {
                if !address.isUnspecified { addresses.insert(address) }
            } else if let host = Self.host(inAuthority: Substring(bindAddress)), Self.isPlausibleHost(host) {
                names.insert(host)
            }
        }
        self.names = names
        self.addresses = addresses
        self.allowsAny = allowsAny
        self.refusalHint = refusalHint
    }

    /// The 421 answer's message.
    var refusalMessage: String {
        "This server does not answer for the host this request names." + (refusalHint.isEmpty ? "" : " " + refusalHint)
    }

    /// Whether the server answers `request` (see the type's rules).
    public func allows(_ request: HTTPRequest) -> Bool {
        guard !allowsAny else { return true }
        let authority = RequestTarget.authority(request.target) ?? request.headers["Host"].map { Substring($0) }
        guard let authority else { return true }
        return allows(authority: authority)
    }

    /// Whether `authority` (`host`, `host:port`, `[v6]:port`) names a host this server answers for.
    func allows(authority: Substring) -> Bool {
        guard let host = Self.host(inAuthority: authority) else { return false }
        if names.contains(host) { return true }
        guard let address = IPAddress(host) else { return false }
        return address.isLoopback || addresses.contains(address)
    }

    /// The host of an authority, lowercased, without brackets, port or one trailing dot; nil when malformed
    /// (user info, a bracket without its pair, a non-numeric port, an unbracketed IPv6 address).
    static func host(inAuthority authority: Substring) -> String? {
        var host: Substring
        var rest: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            rest = authority[authority.index(after: close)...]
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            rest = authority[colon...]
        } else {
            host = authority
            rest = ""
        }
        if !rest.isEmpty {
            guard rest.first == ":", rest.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        }
        if host.hasSuffix(".") && !authority.hasPrefix("[") { host = host.dropLast() }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        return host.lowercased()
    }

    /// Letters, digits, `-`, `_`, `.` and (in IPv6 addresses) `:`: what a configured host may be.
    private static func isPlausibleHost(_ host: String) -> Bool {
        host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
