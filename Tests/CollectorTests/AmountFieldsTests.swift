import Foundation
import Lake
import Testing
@testable import Collector
@testable import Pipeline

/// The collector refuses, with a 400 naming the field, every amount the loader would set aside as
/// `bad_number`, so nothing it acknowledges breaks a metric or waits in the rejects.
@Suite("Collector: amount fields against the intake rule")
struct AmountFieldsTests {
    static let bad = [("1e400", "is 10^15 or more"), ("-1e400", "is negative"), ("1e-400", "has more than 4 decimal places"),
                      ("-5", "is negative"), (#""abc""#, "is not a number"), ("true", "is not a number"),
                      ("1" + String(repeating: "0", count: 49), "is 10^15 or more")]

    /// An event of the collector's SBW dialect with `value` at `path`, named so the loader reads that path.
    static func event(_ path: [StaticString], _ value: String) -> String {
        var json = value
        for key in path.reversed() { json = "{\"\(key)\":\(json)}" }
        let head = switch "\(path[0])" {
        case "additional_data": #""event_name":"Purchase","click_id":"0b9a7c523f1e4c5a9d552f7f3f0f1a01","#
        case "metadata": #""event_type":"purchase","#
        default: #""eventName":"checkout_complete","#
        }
        return "{" + head + json.dropFirst()
    }

    @Test("each amount path refuses each kind of bad value with its field and the broken rule")
    func refusesEachPath() {
        for path in AmountFields.paths where "\(path[0])" != "metadata" {
            let field = path.map { "\($0)" }.joined(separator: ".")
            for (value, problem) in Self.bad {
                let body = Array(Self.event(path, value).utf8)
                #expect(throws: CollectorError.self, "\(field) \(value)") {
                    try CollectorPayload.events(from: body, contentType: nil, maxEvents: 5)
                }
                do {
                    _ = try CollectorPayload.events(from: body, contentType: nil, maxEvents: 5)
                } catch {
                    #expect(error.publicMessage.hasPrefix("event 0: \(field) ") && error.publicMessage.contains(problem),
                            "\(error.publicMessage)")
                }
            }
        }
    }

    @Test("amounts within the rule, strings, blanks and nulls pass as the loader takes them")
    func admitsWhatTheLoaderLoads() throws {
        for value in ["1990000", "19.90", #"" 12.50 ""#, #""""#, "null", "1.99e6", "0", "999999999999999.9999"] {
            let body = Array(#"{"eventName":"checkout_complete","orderTotal":\#(value),"product":{"price":\#(value)}}"#.utf8)
            #expect(try CollectorPayload.events(from: body, contentType: nil, maxEvents: 5).count == 1, "\(value)")
        }
    }

    /// The two lists cannot drift apart unnoticed: every path the collector checks is one the loader reads.
    @Test("every path the collector checks is an amount the loader refuses as bad_number")
    func pathsAreTheLoadersPaths() {
        let now = EventTimestamp(microseconds: 1_765_000_000_000_000)
        for path in AmountFields.paths {
            let bytes = Array(Self.event(path, "-1").utf8)
            let object = ObjectDecoder.decode(LakeBlob(key: "events/x.json", bytes: bytes, etag: "e", lastModified: now.date), now: now)
            #expect(object.rejects.map(\.reason) == [.badNumber], "\(path.map { "\($0)" })")
        }
    }
}
