import Enrichment
import Foundation
import GeoIP
import Testing
@testable import Generator

/// The demo traffic gives every derived dimension something to show (the dashboard's next panels).
@Suite("Demo traffic for enrichment")
struct EnrichableTrafficTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data")

    @Test("every channel, device type and several countries appear in a month of traffic")
    func coversEveryDimension() throws {
        var configuration = Enricher.Configuration()
        configuration.geography = try GeoIPDatabase(path: Self.data.appendingPathComponent(Enricher.builtGeographyFile).path)
        let enricher = try Enricher(dataFolder: Self.data, configuration: configuration)
        var channels = Set<Channel>(), devices = Set<DeviceType>(), countries = Set<String>(), campaigns = Set<String>()
        var located = 0, total = 0
        for object in try Fixtures.objects(events: 6_000) {
            let payload = try Fixtures.payload(object)
            let ingest = payload["_ingest"] as? [String: Any]
            let fields = enricher.derive(pageURL: payload["pageUrl"] as? String, referrer: payload["referrer"] as? String,
                                         userAgent: ingest?["userAgent"] as? String, sourceIP: ingest?["sourceIp"] as? String)
            total += 1
            if let channel = fields.channel { channels.insert(channel) }
            if let facts = fields.userAgent { devices.insert(facts.deviceType) }
            if let campaign = fields.campaign.campaign { campaigns.insert(campaign) }
            if let country = fields.location?.country {
                countries.insert(country)
                located += 1
            }
        }
        #expect(channels == Set(Channel.allCases))
        #expect(devices == [.desktop, .mobile, .tablet, .bot])
        #expect(countries.isSuperset(of: ["VN", "US", "SG", "JP", "KR"]))
        #expect(located == total, "every demo address is in the built country database")
        #expect(campaigns.count >= 4)
    }
}
