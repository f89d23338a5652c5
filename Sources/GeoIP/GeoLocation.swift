/// Where a database places an address: ISO 3166-1 alpha-2 country, and the first subdivision and the
/// city in English when the database has them (city databases; a country database gives only the country).
public struct GeoLocation: Sendable, Equatable {
    public var country: String?
    public var region: String?
    public var city: String?

    public init(country: String?, region: String? = nil, city: String? = nil) {
        self.country = country
        self.region = region
        self.city = city
    }
}
