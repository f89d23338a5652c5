/// Source IPs by country, from networks the country databases place there (the one setup builds from
/// tor-geoipdb among them): mostly Vietnamese ISPs, some IPv6, and visitors from abroad.
enum ClientAddresses {
    /// A share, and a network prefix to which one random last part is added.
    static let weighted: [(share: Double, prefix: String, isIPv6: Bool)] = [
        (0.24, "14.160.", false), (0.14, "113.161.", false), (0.16, "27.72.", false), (0.10, "171.231.", false),  // VN: VNPT, Viettel
        (0.08, "2405:4800:102::", true), (0.06, "2001:ee0:4000::", true),  // VN over IPv6
        (0.05, "73.15.", false), (0.02, "2600:1700::", true),  // US
        (0.04, "116.87.", false),  // SG
        (0.03, "126.10.", false),  // JP
        (0.03, "121.130.", false),  // KR
        (0.02, "1.120.", false),  // AU
        (0.02, "81.2.", false),  // GB
        (0.01, "91.10.", false),  // DE
    ]

    static func pick(using random: inout SeededRandom) -> String {
        var draw = random.unit() * weighted.reduce(0) { $0 + $1.share }
        var chosen = weighted[0]
        for entry in weighted {
            draw -= entry.share
            if draw < 0 {
                chosen = entry
                break
            }
        }
        if chosen.isIPv6 { return chosen.prefix + String(random.int(in: 1...0xFFFF), radix: 16) }
        return chosen.prefix + String(random.int(in: 0...255)) + "." + String(random.int(in: 1...254))
    }
}
