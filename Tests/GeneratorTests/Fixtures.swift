import Foundation
@testable import Generator

/// Shared inputs: a fixed end date so every run sees the same window.
enum Fixtures {
    /// 2025-12-06T12:00:00Z, a Saturday, six days before the 12/12 sale.
    static let end = Date(timeIntervalSince1970: 1_765_022_400)

    static func configuration(events: Int, days: Int = 30, seed: UInt64 = 42) -> DemoTraffic.Configuration {
        var configuration = DemoTraffic.Configuration()
        configuration.events = events
        configuration.days = days
        configuration.seed = seed
        configuration.end = end
        return configuration
    }

    static func objects(events: Int, days: Int = 30, seed: UInt64 = 42) throws -> [GeneratedObject] {
        Array(try DemoTraffic(configuration: configuration(events: events, days: days, seed: seed)).objects())
    }

    /// The payload as a dictionary (throws when it is not a JSON object).
    static func payload(_ object: GeneratedObject) throws -> [String: Any] {
        guard let payload = try JSONSerialization.jsonObject(with: Data(object.bytes)) as? [String: Any] else {
            throw FixtureError.notAnObject(object.key)
        }
        return payload
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("generator-tests-\(UUID().uuidString)")
    }

    enum FixtureError: Error {
        case notAnObject(String)
    }
}
