import Analytics
import Foundation
import Testing

@Suite("Filters from query items")
struct FiltersTests {
    let now = ISOTimestamp.parse("2025-12-06T20:00:00Z", localZone: .gmt) ?? .distantPast

    func parse(_ items: [(String, String)], zone: TimeZone = .gmt) throws(FilterError) -> Filters {
        try Filters(queryItems: items.map { (name: $0.0, value: $0.1) }, rules: FilterRules(defaultTimeZone: zone), now: now)
    }

    func failure(_ items: [(String, String)]) -> FilterError? {
        do {
            _ = try parse(items)
            return nil
        } catch {
            return error
        }
    }

    @Test("defaults to the last 7 days including today, in the default zone")
    func defaultsToLastSevenDays() throws {
        let filters = try parse([])
        #expect(filters.fromText == "2025-11-30")
        #expect(filters.toText == "2025-12-06")
        #expect(ISOTimestamp.string(filters.start) == "2025-11-30T00:00:00Z")
        #expect(ISOTimestamp.string(filters.end) == "2025-12-07T00:00:00Z")
        #expect(filters.granularity == .day)
    }

    @Test("today follows the zone: 20:00 UTC is already tomorrow in Ho Chi Minh City")
    func todayFollowsZone() throws {
        let filters = try parse([("tz", "Asia/Ho_Chi_Minh")])
        #expect(filters.toText == "2025-12-07")
        #expect(ISOTimestamp.string(filters.end) == "2025-12-07T17:00:00Z")
    }

    @Test("dates are inclusive whole days; timestamps are exact instants")
    func datesAndTimestamps() throws {
        let days = try parse([("from", "2025-12-01"), ("to", "2025-12-01"), ("tz", "Asia/Kolkata")])
        #expect(ISOTimestamp.string(days.start) == "2025-11-30T18:30:00Z")
        #expect(ISOTimestamp.string(days.end) == "2025-12-01T18:30:00Z")
        #expect(days.granularity == .hour)
        let instants = try parse([("from", "2025-12-01T10:00:00+07:00"), ("to", "2025-12-01T12:30:00Z")])
        #expect(ISOTimestamp.string(instants.start) == "2025-12-01T03:00:00Z")
        #expect(instants.toText == "2025-12-01T12:30:00Z")
    }

    @Test("empty form fields count as absent; dimensions are kept verbatim")
    func emptyFieldsAreAbsent() throws {
        let filters = try parse([("login_state", ""), ("event_name", "product_view"), ("brand", "<AULA>"), ("tz", "")])
        #expect(filters.loginState == nil)
        #expect(filters.eventName == "product_view")
        #expect(filters.brand == "<AULA>")
        #expect(filters.timeZoneName == "GMT" || filters.timeZoneName == "UTC")
    }

    @Test("bad values name their parameter", arguments: [
        ("from", "yesterday"), ("from", "2025-02-30"), ("to", "2025-13-01"), ("to", "2025-12-01T25:00"),
        ("tz", "Mars/Olympus"), ("tz", "GMT+7"), ("event_name", "a\u{0}b"), ("brand", String(repeating: "x", count: 201)),
    ])
    func badValuesNameTheirParameter(name: String, value: String) {
        #expect(failure([(name, value)])?.parameter == name)
    }

    @Test("from after to, and ranges over the limit, are refused naming from")
    func rangeRules() {
        #expect(failure([("from", "2025-12-05"), ("to", "2025-12-01")])?.parameter == "from")
        #expect(failure([("from", "2024-01-01"), ("to", "2025-12-01")])?.message.contains("366") == true)
        #expect(failure([("from", "2024-12-06"), ("to", "2025-12-05")]) == nil)
    }

    @Test("dates outside 1900-01-01 to 9998-12-31 are refused naming their parameter, in any zone")
    func farDatesAreRefused() throws {
        let year1 = failure([("from", "0001-01-01"), ("to", "0001-01-02"), ("tz", "Asia/Tokyo")])
        #expect(year1?.parameter == "from")
        #expect(year1?.message.contains("supported dates") == true)
        #expect(failure([("from", "0000-06-01"), ("to", "0000-06-02")])?.message.contains("366") == false)
        #expect(failure([("from", "9999-06-01"), ("to", "9999-06-02")])?.parameter == "from")
        #expect(failure([("from", "2025-12-01"), ("to", "9999-06-02")])?.parameter != nil)
        #expect(failure([("from", "1899-12-31"), ("to", "1900-01-02")])?.parameter == "from")
        #expect(failure([("from", "9998-12-31"), ("to", "9999-01-01")])?.parameter == "to")
        #expect(failure([("from", "1900-01-01T00:00:00Z"), ("to", "1900-01-02")]) == nil)
        #expect(failure([("from", "1900-01-01"), ("to", "1900-01-02"), ("tz", "Pacific/Kiritimati")]) == nil)
        #expect(failure([("from", "9998-12-30"), ("to", "9998-12-31"), ("tz", "Pacific/Pago_Pago")]) == nil)
    }

    @Test("a server's default zone is an IANA name, as tz is; POSIX-style names are refused")
    func ianaZonesOnly() {
        #expect(Filters.ianaTimeZone("Asia/Kolkata")?.identifier == "Asia/Kolkata")
        #expect(Filters.ianaTimeZone("UTC") == .gmt)
        #expect(Filters.ianaTimeZone("GMT+7") == nil)
        #expect(Filters.ianaTimeZone("Mars/Olympus") == nil)
    }

    @Test("cursors round-trip and garbage is refused naming cursor")
    func cursors() throws {
        let id = UUID()
        let cursor = EventCursor(direction: .older, timestamp: "2025-12-06T05:14:09.512000Z", eventID: id)
        let decoded = try EventCursor(encoded: cursor.encoded)
        #expect(decoded == cursor)
        #expect(!cursor.encoded.contains("="))
        for bad in ["", "not a cursor", "bm9wZQ", String(repeating: "A", count: 300)] {
            #expect(throws: FilterError(parameter: "cursor", message: "cursor is not a cursor this dashboard made; start again from the first page.")) {
                try EventCursor(encoded: bad)
            }
        }
    }

    @Test("query items reproduce the filters for links")
    func queryItemsRoundTrip() throws {
        let filters = try parse([("from", "2025-12-01"), ("to", "2025-12-03"), ("category", "mouse")])
        let again = try Filters(queryItems: filters.queryItems, now: now)
        #expect(again == filters)
    }
}
