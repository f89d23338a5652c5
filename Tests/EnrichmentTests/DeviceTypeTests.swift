import Enrichment
import Testing

@Suite("User agent facts and device type")
struct DeviceTypeTests {
    static let enricher = Result { try Enricher(dataFolder: Repository.data) }

    func facts(_ userAgent: String) throws -> UserAgentFacts { try Self.enricher.get().userAgentFacts(userAgent) }

    @Test("a desktop Chrome on Windows")
    func desktopChrome() throws {
        let facts = try facts("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
        #expect(facts == UserAgentFacts(browser: "Chrome", browserVersion: "131", os: "Windows", osVersion: "10", deviceType: .desktop))
    }

    @Test("Safari on an iPhone is mobile")
    func iPhone() throws {
        let facts = try facts("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
        #expect(facts == UserAgentFacts(browser: "Mobile Safari", browserVersion: "17", os: "iOS", osVersion: "17", deviceType: .mobile))
    }

    @Test("device types", arguments: [
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", DeviceType.desktop),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", .desktop),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", .desktop),
        ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36", .mobile),
        ("Mozilla/5.0 (Linux; Android 13; SM-A546E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100623 ZaloTheme/light ZaloLanguage/vi", .mobile),
        ("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", .tablet),
        ("Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", .tablet),
        ("Mozilla/5.0 (Linux; Android 11; Lenovo TB-J606F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", .tablet),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", .bot),
        ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", .bot),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", .bot),
        ("Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36", .other),
        ("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)", .other),
        ("curl/8.5.0", .other),
    ])
    func deviceTypes(_ userAgent: String, _ type: DeviceType) throws {
        #expect(try facts(userAgent).deviceType == type)
    }

    @Test("an unrecognised user agent is Other and counts an issue")
    func unrecognised() throws {
        let fields = try Self.enricher.get().derive(pageURL: nil, referrer: nil, userAgent: "Mozilla/5.0", sourceIP: nil)
        #expect(fields.userAgent?.browser == "Other")
        #expect(fields.userAgent?.deviceType == .other)
        #expect(fields.issues.all == [.userAgentUnrecognized])
    }
}
