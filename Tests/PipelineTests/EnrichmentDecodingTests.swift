import Enrichment
import Foundation
import Testing
@testable import Pipeline

/// Every derived column for every dialect's samples, against known answers.
@Suite("Enrichment of every dialect's samples")
struct EnrichmentDecodingTests {
    struct Expected: Equatable {
        var pagePath, pageHost, referrerHost, channel, browser, browserVersion, os, osVersion, deviceType: String?
        var country, region, city: String?
    }

    static func actual(_ event: CanonicalEvent) -> Expected {
        let derived = event.derived
        return Expected(pagePath: derived?.pagePath, pageHost: derived?.pageHost, referrerHost: derived?.referrerHost,
                        channel: derived?.channel?.rawValue, browser: derived?.userAgent?.browser,
                        browserVersion: derived?.userAgent?.browserVersion, os: derived?.userAgent?.os,
                        osVersion: derived?.userAgent?.osVersion, deviceType: event.deviceType,
                        country: event.country, region: event.region, city: event.city)
    }

    @Test("SBW: page, internal referrer, desktop Chrome, an IPv4 address's city")
    func sbwProductView() throws {
        let event = try #require(try EnrichedSamples.decode(sample: "sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json").events.first)
        #expect(Self.actual(event) == Expected(
            pagePath: "/product/ban-phim-aula-m75-tm", pageHost: "shop.example.vn", referrerHost: nil, channel: "internal",
            browser: "Chrome", browserVersion: "131", os: "Windows", osVersion: "10", deviceType: "desktop",
            country: "GB", region: "England", city: "London"))
        #expect(event.derived?.issues.isEmpty == true)
    }

    @Test("SBW: a referral from another host, an iPhone, an IPv6 address's city")
    func sbwCheckout() throws {
        let event = try #require(try EnrichedSamples.decode(sample: "sbw-ingest/event-7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5.json").events.first)
        #expect(Self.actual(event) == Expected(
            pagePath: "/success", pageHost: "shop.example.vn", referrerHost: "checkout.example.com", channel: "referral",
            browser: "Mobile Safari", browserVersion: "17", os: "iOS", osVersion: "17", deviceType: "mobile",
            country: "VN", region: "Ho Chi Minh", city: "Ho Chi Minh City"))
    }

    @Test("SBW: a bare 'Mozilla/5.0' is unrecognised (a counted issue, not a reject); no referrer is direct")
    func sbwUnrecognisedUserAgent() throws {
        let object = try EnrichedSamples.decode(sample: "sbw-ingest/event-c3d4e5f6-a7b8-4c9d-8e0f-112233445566.json")
        #expect(object.rejects.isEmpty)
        let event = try #require(object.events.first)
        #expect(Self.actual(event) == Expected(
            pagePath: "/shop", pageHost: "shop.example.vn", referrerHost: nil, channel: "direct", browser: "Other",
            browserVersion: nil, os: "Other", osVersion: nil, deviceType: "other", country: "GB", region: "England", city: "London"))
        #expect(event.derived?.issues.all == [.userAgentUnrecognized])
    }

    @Test("SBW snake_case without page, referrer, user agent or address: only the channel, direct")
    func sbwSnakeCase() throws {
        let event = try #require(try EnrichedSamples.decode(sample: "sbw-ingest/event-snake-case-no-id.json").events.first)
        #expect(Self.actual(event) == Expected(channel: "direct"))
    }

    @Test("Kinesis: a payload's own country, region and city win; without them, the user_ip's place")
    func kinesis() throws {
        let batch = try EnrichedSamples.decode(sample: "kinesis-poc/enriched-firehose-batch.ndjson").events
        #expect(batch.map { [$0.country, $0.region, $0.city] }
            == [["US", "California", "Riverside"], ["US", "California", "Riverside"], ["ES", "Madrid", "Madrid"]])
        let search = try #require(try EnrichedSamples.decode(sample: "kinesis-poc/raw-search.json").events.first)
        #expect([search.country, search.region, search.city] == ["VN", "Hanoi", "Hanoi"])
        #expect(search.derived?.channel == .direct)
    }

    @Test("case study: relative page URLs, a search referrer, an internal one, the payload's device type")
    func caseStudy() throws {
        let events = try EnrichedSamples.decode(sample: "case-study/part-0000.json").events
        #expect(events.map(Self.actual) == [
            Expected(pagePath: "/laptops/asus-zenbook-14", referrerHost: "www.google.com", channel: "organic_search", deviceType: "mobile"),
            Expected(pagePath: "/laptops/asus-zenbook-14", channel: "internal", deviceType: "mobile"),
            Expected(pagePath: "/checkout/done", channel: "internal", deviceType: "mobile"),
        ])
    }

    @Test("a UTM-tagged landing: the five parameters and the paid channel")
    func utmLanding() throws {
        let record = #"{"eventName":"page_view","pageUrl":"https://shop.example.vn/category/keyboard/?utm_source=facebook&utm_medium=cpc&utm_campaign=sale-12-12&utm_term=ban%20phim&utm_content=video-a&fbclid=IwAR2x","referrer":"https://l.facebook.com/","_ingest":{"receivedAt":"2025-12-06T05:00:00.000Z","sourceIp":"81.2.69.1"}}"#
        let event = try #require(try EnrichedSamples.decode(Array(record.utf8)).events.first)
        let campaign = try #require(event.derived?.campaign)
        #expect([campaign.source, campaign.medium, campaign.campaign, campaign.term, campaign.content]
            == ["facebook", "cpc", "sale-12-12", "ban phim", "video-a"])
        #expect(event.derived?.channel == .paidSocial)
        #expect(event.derived?.pagePath == "/category/keyboard")
        #expect(event.derived?.referrerHost == "l.facebook.com")
    }

    @Test("no client address is left in any sample's properties")
    func noAddressInProperties() throws {
        for path in Fixtures.files(in: "sbw-ingest") + Fixtures.files(in: "kinesis-poc") + Fixtures.files(in: "case-study") {
            for event in try EnrichedSamples.decode(sample: path).events {
                for address in EnrichedSamples.located.values { #expect(!event.properties.contains(address), "\(path)") }
                #expect(event.sourceIP == nil)
            }
        }
    }

    @Test("a client-sent _client_ingest loses its address too, and is never used for geography")
    func clientIngest() throws {
        let record = #"{"eventName":"page_view","_client_ingest":{"sourceIp":"14.160.9.9","note":"x"},"_ingest":{"receivedAt":"2025-12-06T05:00:00.000Z","sourceIp":"81.2.69.1"}}"#
        let event = try #require(try EnrichedSamples.decode(Array(record.utf8)).events.first)
        #expect(event.properties == #"{"_client_ingest":{"note":"x"}}"#)
        #expect(event.country == "GB")
    }

    @Test("KEEP_IP=truncate keeps the /24 or /48 where the address was")
    func truncates() throws {
        let sbw = try #require(try EnrichedSamples.decode(sample: "sbw-ingest/event-7c1d2e3f-0a4b-4c6d-8e9f-a0b1c2d3e4f5.json",
                                                          retention: .truncate).events.first)
        #expect(sbw.properties.contains(#""sourceIp":"2405:4800::""#))
        #expect(sbw.country == "VN")
        let kinesis = try #require(try EnrichedSamples.decode(try EnrichedSamples.bytes("kinesis-poc/enriched-firehose-batch.ndjson", locating: false),
                                                              retention: .truncate).events.first)
        #expect(kinesis.properties.contains(#""user_ip":"169.235.214.0""#))
        #expect(!kinesis.properties.contains("169.235.214.44"))
    }

    @Test("with enrichment off the derived columns stay NULL and the addresses still go")
    func off() throws {
        let object = Fixtures.decode(try EnrichedSamples.bytes("sbw-ingest/event-0b9a7c52-3f1e-4c5a-9d55-2f7f3f0f1a01.json"))
        let event = try #require(object.events.first)
        #expect(event.derived == nil && event.country == nil)
        #expect(!event.properties.contains("81.2.69.160"))
    }
}
