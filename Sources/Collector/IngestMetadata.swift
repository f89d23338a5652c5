import CivilCalendar
import Foundation
import JSON

/// The `_ingest` block the original ingest Lambda added to every event; the ETL reads collector
/// output and the Lambda's output the same way.
struct IngestMetadata: Sendable {
    let receivedAt: Date
    let sourceIP: String?
    let userAgent: String?
    let method: String
    let path: String
    let requestID: String

    /// `"_ingest":{…}` with the keys in the order the Lambda's sorted output had; built once per request.
    func member() -> [UInt8] {
        var bytes = Array(#""_ingest":{"method":"#.utf8)
        JSONString.append(method, to: &bytes)
        bytes += Array(#","path":"#.utf8)
        JSONString.append(path, to: &bytes)
        bytes += Array(#","receivedAt":"#.utf8)
        JSONString.append(Self.iso8601(receivedAt), to: &bytes)
        bytes += Array(#","requestId":"#.utf8)
        JSONString.append(requestID, to: &bytes)
        bytes += Array(#","sourceIp":"#.utf8)
        JSONString.append(optional: sourceIP, to: &bytes)
        bytes += Array(#","userAgent":"#.utf8)
        JSONString.append(optional: userAgent, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// The event with our `_ingest` block first, then the client's members byte for byte. A block the client
    /// sent is not trusted (clients cannot set the receipt time or source address): it is kept, as the last
    /// one sent, under `_client_ingest` (replacing a client's own `_client_ingest`).
    static func stamp(_ event: CollectorPayload.Event, body: [UInt8], ingest: [UInt8]) -> [UInt8] {
        let claimed = event.members.last { JSONScanner.equals(body, $0.rawKey, "_ingest") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ingest.count + (event.members.last?.range.upperBound ?? 0) - (event.members.first?.range.lowerBound ?? 0) + 32)
        bytes.append(UInt8(ascii: "{"))
        bytes += ingest
        for member in event.members {
            if JSONScanner.equals(body, member.rawKey, "_ingest") { continue }
            if claimed != nil, JSONScanner.equals(body, member.rawKey, "_client_ingest") { continue }
            bytes.append(UInt8(ascii: ","))
            bytes += body[member.range]
        }
        if let claimed {
            bytes += Array(#","_client_ingest":"#.utf8)
            bytes += body[claimed.value]
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `2025-12-06T05:14:09.512Z` (UTC, milliseconds), as API Gateway's requestTimeEpoch rendered by the Lambda.
    /// Computed by hand: a formatter per request cost more than the rest of the request.
    static func iso8601(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millisecond = Int(milliseconds - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: Int(days))
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(millisecond, 3) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        CivilCalendar.zeroPadded(value, width: width)
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        CivilCalendar.date(fromDays: days)
    }
}
