import Enrichment
import Testing

@Suite("IP addresses")
struct IPAddressTests {
    @Test("IPv4 and IPv6 parse to their bytes and print canonically", arguments: [
        ("203.0.113.24", "203.0.113.24"), ("0.0.0.0", "0.0.0.0"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::", "::"),
        ("::1", "::1"), ("fe80::1:0:0:1", "fe80::1:0:0:1"), ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("::ffff:203.0.113.7", "::ffff:203.0.113.7"), ("2405:4800:1:2::7", "2405:4800:1:2::7"), ("1::", "1::"),
    ])
    func parses(_ text: String, _ canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test("what is not an address is refused", arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "1::2::3", "12345::", ":1", "1:", "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0", "05:15:30", "131.0.6778.85", "unknown",
    ])
    func refuses(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("truncation keeps the /24 of IPv4 and the /48 of IPv6")
    func truncates() throws {
        #expect(try #require(IPAddress("203.0.113.24")).truncated.description == "203.0.113.0")
        #expect(try #require(IPAddress("2405:4800:1a2b:3c4d::7")).truncated.description == "2405:4800:1a2b::")
        #expect(try #require(IPAddress("::ffff:203.0.113.24")).truncated.description == "::ffff:203.0.113.0")
    }

    @Test("the scrubber masks IPv4 and IPv6 addresses in text and leaves times and versions")
    func scrubs() {
        let text = #"{"receivedAt":"2025-12-06T05:15:30.000Z","sourceIp":"203.0.113.24","v6":"2405:4800::7","ua":"Chrome/131.0.6778.85"} from 198.51.100.7."#
        #expect(AddressScrubber.scrub(text)
            == #"{"receivedAt":"2025-12-06T05:15:30.000Z","sourceIp":"[ip]","v6":"[ip]","ua":"Chrome/131.0.6778.85"} from [ip]."#)
        #expect(AddressScrubber.scrub("no address here: 12:30, v1.2.3") == "no address here: 12:30, v1.2.3")
    }
}
