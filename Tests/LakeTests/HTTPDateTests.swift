import Foundation
import Testing
@testable import Lake

@Suite("S3 date formats")
struct HTTPDateTests {
    @Test("SigV4 dates and Last-Modified headers agree with ISO 8601, leap days and year ends included", arguments: [
        ("2025-12-06T05:14:09Z", "20251206T051409Z", "Sat, 06 Dec 2025 05:14:09 GMT"),
        ("2024-02-29T23:59:59Z", "20240229T235959Z", "Thu, 29 Feb 2024 23:59:59 GMT"),
        ("1999-12-31T00:00:00Z", "19991231T000000Z", "Fri, 31 Dec 1999 00:00:00 GMT"),
        ("2000-03-01T12:00:00Z", "20000301T120000Z", "Wed, 01 Mar 2000 12:00:00 GMT"),
    ])
    func formatsAndParses(iso: String, amz: String, http: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: iso))
        #expect(HTTPDate.amz(date) == amz)
        #expect(HTTPDate.parse(http) == date)
    }

    @Test("anything but an RFC 7231 date is refused", arguments: ["", "yesterday", "Sat, 06 Foo 2025 05:14:09 GMT",
                                                                  "Sat, 06 Dec 2025 25:14:09 GMT", "Sat, 06 Dec 2025 05:14:09 PST"])
    func refusesJunk(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test("listing times with and without a fraction, and quoted ETags")
    func listingForms() throws {
        let date = try #require(ISO8601DateFormatter().date(from: "2025-12-06T05:14:09Z"))
        #expect(HTTPDate.parseISO8601("2025-12-06T05:14:09Z") == date)
        #expect(HTTPDate.parseISO8601("2025-12-06T05:14:09.500Z") == date.addingTimeInterval(0.5))
        #expect(HTTPDate.parseISO8601("2025-12-06T05:14:09+07:00") == nil)
        #expect(HTTPDate.unquoted("\"5d41402abc4b2a76b9719d911017c592\"") == "5d41402abc4b2a76b9719d911017c592")
        #expect(HTTPDate.unquoted("plain") == "plain")
    }
}
