import Enrichment
import Foundation
import Testing

/// Real referrers and UTM-tagged URLs, through the rule table in Data/channels.tsv.
@Suite("Traffic source and channel")
struct ChannelTests {
    static let enricher = Result { try Enricher(dataFolder: Repository.data) }
    static let page = "https://shop.example.vn/product/ban-phim-aula-m75-tm"

    func source(_ referrer: String?, page: String = ChannelTests.page) throws -> (host: String?, channel: Channel?) {
        let fields = try Self.enricher.get().derive(pageURL: page, referrer: referrer, userAgent: nil, sourceIP: nil)
        return (fields.referrerHost, fields.channel)
    }

    @Test("search engines are organic search", arguments: [
        ("https://www.google.com/", "www.google.com"), ("https://www.google.com.vn/", "www.google.com.vn"),
        ("https://www.google.co.uk/search?q=keyboard", "www.google.co.uk"), ("https://www.bing.com/search?q=ban+phim", "www.bing.com"),
        ("https://coccoc.com/search?query=b%C3%A0n+ph%C3%ADm", "coccoc.com"), ("https://search.yahoo.com/search?p=x", "search.yahoo.com"),
        ("https://duckduckgo.com/", "duckduckgo.com"), ("https://yandex.ru/search/?text=x", "yandex.ru"),
        ("https://www.baidu.com/link?url=abc", "www.baidu.com"), ("https://search.naver.com/search.naver?query=x", "search.naver.com"),
        ("android-app://com.google.android.googlequicksearchbox/", "com.google.android.googlequicksearchbox"),
    ])
    func organicSearch(_ referrer: String, _ host: String) throws {
        let found = try source(referrer)
        #expect(found.host == host)
        #expect(found.channel == .organicSearch)
    }

    @Test("social networks and messengers are social", arguments: [
        "https://www.facebook.com/", "https://m.facebook.com/", "https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example.vn",
        "https://lm.facebook.com/l.php?u=x", "https://fb.com/", "https://zalo.me/g/abcdef", "https://chat.zalo.me/",
        "https://www.tiktok.com/@shop", "https://l.instagram.com/?u=x", "https://www.youtube.com/watch?v=abc", "https://youtu.be/abc",
        "https://t.co/AbCdEf", "https://x.com/shop", "https://twitter.com/shop", "https://www.linkedin.com/feed/", "https://lnkd.in/abc",
        "https://www.pinterest.com/pin/1/", "https://www.pinterest.co.uk/", "https://www.reddit.com/r/MechanicalKeyboards/",
        "android-app://com.facebook.katana/", "android-app://com.zing.zalo/",
    ])
    func social(_ referrer: String) throws {
        #expect(try source(referrer).channel == .social)
    }

    @Test("web mail is email", arguments: [
        "https://mail.google.com/", "https://outlook.live.com/mail/0/inbox", "https://outlook.office.com/mail/",
        "https://mail.yahoo.com/d/folders/1", "https://mail.yahoo.co.jp/", "android-app://com.google.android.gm/",
    ])
    func email(_ referrer: String) throws {
        #expect(try source(referrer).channel == .email)
    }

    @Test("another site is a referral, with its host")
    func referral() throws {
        let found = try source("https://tinhte.vn/thread/ban-phim-co.12345/")
        #expect(found.host == "tinhte.vn")
        #expect(found.channel == .referral)
        #expect(try source("https://notgoogle.example.com/").channel == .referral)
        #expect(try source("https://google.example.com/").channel == .referral)
    }

    @Test("no referrer is direct")
    func direct() throws {
        #expect(try source(nil) == (nil, .direct))
        #expect(try source("") == (nil, .direct))
    }

    @Test("the site's own pages are internal, with no referrer host")
    func internalByDefaultPageHost() throws {
        #expect(try source("https://shop.example.vn/category/keyboard") == (nil, .internal))
        #expect(try source("https://www.shop.example.vn/") == (nil, .internal))
        #expect(try source("/laptops", page: "/laptops/asus-zenbook-14") == (nil, .internal))
    }

    @Test("SITE_HOSTS makes other hosts and their subdomains internal")
    func internalBySiteHosts() throws {
        var configuration = Enricher.Configuration()
        configuration.siteHosts = SiteHosts(list: "example.vn, checkout.example.com")
        let enricher = try Enricher(dataFolder: Repository.data, configuration: configuration)
        let fields = enricher.derive(pageURL: Self.page, referrer: "https://checkout.example.com/", userAgent: nil, sourceIP: nil)
        #expect(fields.channel == .internal)
        #expect(fields.referrerHost == nil)
        #expect(enricher.derive(pageURL: Self.page, referrer: "https://blog.example.vn/", userAgent: nil, sourceIP: nil).channel == .internal)
        #expect(enricher.derive(pageURL: Self.page, referrer: "https://example.com/", userAgent: nil, sourceIP: nil).channel == .referral)
    }

    @Test("UTM parameters are read from the page URL, decoded")
    func utmParameters() throws {
        let fields = try Self.enricher.get().derive(
            pageURL: "https://shop.example.vn/?utm_source=Zalo&utm_medium=social&utm_campaign=t%E1%BA%BFt+2026&UTM_TERM=b%C3%A0n+ph%C3%ADm&utm_content=banner-a&utm_source=ignored",
            referrer: nil, userAgent: nil, sourceIP: nil)
        #expect(fields.campaign.source == "Zalo")
        #expect(fields.campaign.medium == "social")
        #expect(fields.campaign.campaign == "tết 2026")
        #expect(fields.campaign.term == "bàn phím")
        #expect(fields.campaign.content == "banner-a")
        #expect(fields.channel == .social)
    }

    @Test("utm_medium cpc, ppc or paid is paid search; from a social source, paid social", arguments: [
        ("https://shop.example.vn/?utm_source=google&utm_medium=cpc&utm_campaign=brand", "https://www.google.com/" as String?, Channel.paidSearch),
        ("https://shop.example.vn/?utm_source=bing&utm_medium=ppc", nil, .paidSearch),
        ("https://shop.example.vn/?utm_source=coccoc&utm_medium=paid", "https://coccoc.com/", .paidSearch),
        ("https://shop.example.vn/?utm_source=facebook&utm_medium=cpc", "https://l.facebook.com/", .paidSocial),
        ("https://shop.example.vn/?utm_source=tiktok&utm_medium=paid", nil, .paidSocial),
        ("https://shop.example.vn/?gclid=Cj0KCQiA", "https://www.google.com/", .paidSearch),
    ])
    func paid(_ page: String, _ referrer: String?, _ channel: Channel) throws {
        #expect(try source(referrer, page: page).channel == channel)
    }

    @Test("fbclid alone is not paid: Facebook adds it to every outbound link")
    func fbclidIsNotPaid() throws {
        #expect(try source("https://l.facebook.com/", page: "https://shop.example.vn/?fbclid=IwAR0abc").channel == .social)
    }

    @Test("utm_medium=email is email whatever the referrer")
    func emailByMedium() throws {
        #expect(try source(nil, page: "https://shop.example.vn/?utm_source=newsletter&utm_medium=email&utm_campaign=dec").channel == .email)
    }

    @Test("without a referrer, a known utm_source gives its channel; an unknown one is a referral")
    func utmSourceWithoutReferrer() throws {
        #expect(try source(nil, page: "https://shop.example.vn/?utm_source=facebook").channel == .social)
        #expect(try source(nil, page: "https://shop.example.vn/?utm_source=partner-blog").channel == .referral)
    }

    @Test("an unparsable referrer counts an issue and leaves the host NULL")
    func unparsableReferrer() throws {
        let fields = try Self.enricher.get().derive(pageURL: Self.page, referrer: "not a url at all", userAgent: nil, sourceIP: nil)
        #expect(fields.referrerHost == nil)
        #expect(fields.issues.all == [.referrerUnparsable])
        #expect(fields.channel == .direct)
    }

    @Test("an unparsable page URL counts an issue and leaves the page columns NULL")
    func unparsablePage() throws {
        let fields = try Self.enricher.get().derive(pageURL: "javascript:void(0)", referrer: nil, userAgent: nil, sourceIP: nil)
        #expect(fields.pagePath == nil && fields.pageHost == nil)
        #expect(fields.issues.all == [.pageURLUnparsable])
    }

    @Test("a malformed rule table names the line")
    func badTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("channels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("# ok\ngoogle.*\torganic_search\tGoogle\nbing.com\tsearch\tBing\n".utf8).write(to: folder.appendingPathComponent("channels.tsv"))
        #expect(throws: EnrichmentError.badChannelRule(path: folder.appendingPathComponent("channels.tsv").path, line: 3,
                                                       reason: "channel must be organic_search, social or email, not search")) {
            try ChannelRules(file: folder.appendingPathComponent("channels.tsv"))
        }
    }
}
