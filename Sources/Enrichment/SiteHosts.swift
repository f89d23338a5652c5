/// The shop's own hosts (`SITE_HOSTS`): a referrer on one of them is internal navigation, not a source.
/// Each listed host covers its subdomains (`example.vn` covers `shop.example.vn`); with none listed, the page
/// URL's own host is the site. A leading `www.` is ignored on both sides.
public struct SiteHosts: Sendable, Equatable {
    public let hosts: [String]

    public init(_ hosts: [String] = []) {
        self.hosts = hosts.map { Self.bare($0.lowercased()) }.filter { !$0.isEmpty }
    }

    /// Parses `SITE_HOSTS`: hosts separated by commas or spaces.
    public init(list: String) {
        self.init(list.split { $0 == "," || $0 == " " }.map(String.init))
    }

    func isInternal(_ referrerHost: String, pageHost: String?) -> Bool {
        let host = Self.bare(referrerHost)
        if hosts.isEmpty { return pageHost.map { Self.bare($0) == host } ?? false }
        return hosts.contains { host == $0 || (host.hasSuffix($0) && host.utf8.dropLast($0.utf8.count).last == UInt8(ascii: ".")) }
    }

    private static func bare(_ host: String) -> String {
        host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
