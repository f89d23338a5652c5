import Enrichment
import Postgres

/// The privacy migration's data step: rows loaded before it kept the client's IP address in `properties`.
/// Before the addresses go, their places are resolved (when the process has a geography database) so rows
/// without a country keep one; then the addresses are removed from events, and masked in reject excerpts and
/// details and in unknown-field examples (`AddressScrubber`).
enum ClientAddressScrub {
    /// Resolves an address to a place; nil when unknown.
    typealias Locate = @Sendable (String) -> DerivedFields.Location?

    // ClientAddressScrub.prepare — the address each row would be located by (the collector's, else the payload's own).
    static let addressExpression = """
        coalesce(\(ClientAddressFields.nestedKeys.map { "e.properties->'_ingest'->>'\($0)'" }.joined(separator: ", ")), \
        \(ClientAddressFields.topLevelKeys.map { "e.properties->>'\($0)'" }.joined(separator: ", ")))
        """
    // ClientAddressScrub.prepare — which rows hold an address anywhere.
    static let holdsAddress = (ClientAddressFields.nestedObjects.map {
        "e.properties->'\($0)' ?| array[\(ClientAddressFields.nestedKeys.map { "'\($0)'" }.joined(separator: ", "))]"
    } + ["e.properties ?| array[\(ClientAddressFields.topLevelKeys.map { "'\($0)'" }.joined(separator: ", "))]"]).joined(separator: " OR ")

    static let createPlaces = """
        CREATE TEMPORARY TABLE migration_address_places (address text PRIMARY KEY, country text, region text, city text)
        ON COMMIT DROP
        """
    static let distinctAddresses = """
        SELECT DISTINCT \(addressExpression) FROM clickstream_events e WHERE e.country IS NULL AND (\(holdsAddress))
        """
    static let insertPlaces = """
        INSERT INTO migration_address_places
        SELECT a, c, nullif(r, ''), nullif(t, '') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(a, c, r, t)
        ON CONFLICT DO NOTHING
        """
    static let rejectTexts = "SELECT reject_id, detail, excerpt FROM etl_rejects"
    static let updateReject = "UPDATE etl_rejects SET detail = $2, excerpt = $3 WHERE reject_id = $1"
    static let exampleValues = "SELECT dialect, field_name, example_value FROM etl_unknown_fields WHERE example_value IS NOT NULL"
    static let updateExample = "UPDATE etl_unknown_fields SET example_value = $3 WHERE dialect = $1 AND field_name = $2"

    /// The migration's SQL: one pass over the rows that hold an address, placing them and removing it.
    static let scrubEvents: String = {
        var removal = "e.properties"
        for object in ClientAddressFields.nestedObjects {
            for key in ClientAddressFields.nestedKeys { removal = "(\(removal) #- '{\(object),\(key)}')" }
        }
        // In parentheses: `-` binds tighter than `#-`.
        for key in ClientAddressFields.topLevelKeys { removal = "(\(removal) - '\(key)'::text)" }
        return """
            UPDATE clickstream_events e
            SET properties = \(removal),
                (country, region, city) = (
                    SELECT coalesce(e.country, p.country),
                           CASE WHEN e.country IS NULL THEN p.region ELSE e.region END,
                           CASE WHEN e.country IS NULL THEN p.city ELSE e.city END
                    FROM (VALUES (1)) AS one (n) LEFT JOIN migration_address_places p ON p.address = \(addressExpression))
            WHERE \(holdsAddress);
            """
    }()

    /// Fills `migration_address_places` (when `locate` is given) and masks addresses in rejects and examples.
    static func prepare(locate: Locate?, on connection: PostgresConnection) throws {
        try connection.execute(createPlaces)
        if let locate {
            var addresses: [String] = [], countries: [String] = [], regions: [String] = [], cities: [String] = []
            for row in try connection.query(distinctAddresses) {
                guard let address = row[0], let place = locate(address), let country = place.country else { continue }
                addresses.append(address)
                countries.append(country)
                regions.append(place.region ?? "")
                cities.append(place.city ?? "")
                if addresses.count == 5_000 {
                    try connection.query(insertPlaces, [addresses, countries, regions, cities])
                    addresses = []; countries = []; regions = []; cities = []
                }
            }
            if !addresses.isEmpty { try connection.query(insertPlaces, [addresses, countries, regions, cities]) }
        }
        for row in try connection.query(rejectTexts) {
            let (detail, excerpt) = (row[1], row[2])
            let scrubbed = (detail.map(AddressScrubber.scrub), excerpt.map(AddressScrubber.scrub))
            if scrubbed.0 != detail || scrubbed.1 != excerpt {
                try connection.query(updateReject, [row[0], scrubbed.0, scrubbed.1])
            }
        }
        for row in try connection.query(exampleValues) {
            guard let example = row[2] else { continue }
            let scrubbed = AddressScrubber.scrub(example)
            if scrubbed != example { try connection.query(updateExample, [row[0], row[1], scrubbed]) }
        }
    }
}
