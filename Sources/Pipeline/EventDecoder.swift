import Enrichment
import Foundation

/// Where a record came from and when it is decoded: what the id and time rules need beyond the payload.
public struct RecordContext: Sendable {
    public var objectKey: String
    public var etag: String
    /// The object's LastModified, the event time of last resort.
    public var lastModified: EventTimestamp
    /// The loader's clock, for the future-time rule.
    public var now: EventTimestamp
    /// What `properties` keeps of a client's IP address (`KEEP_IP`).
    public var addressRetention: AddressRetention

    public init(objectKey: String, etag: String, lastModified: EventTimestamp, now: EventTimestamp,
                addressRetention: AddressRetention = .drop) {
        self.objectKey = objectKey
        self.etag = etag
        self.lastModified = lastModified
        self.now = now
        self.addressRetention = addressRetention
    }

    /// The deterministic id of the record at `position`, for payloads without a valid uuid.
    public func derivedEventID(position: Int) -> UUID {
        UUIDv5.eventID(objectKey: objectKey, etag: etag, position: position)
    }
}

/// Detects a record's dialect and maps it to the canonical event, or explains why it cannot.
public enum EventDecoder {
    /// Events more than this far ahead of the loader's clock are refused as `future_timestamp`.
    public static let futureTolerance: Int64 = 86_400 * 1_000_000
    /// Limit for event names, in characters.
    static let eventNameLimit = 256

    /// The event's name; none, or one of only spaces, is refused (a nameless event counts in no metric).
    static func eventName(_ name: String?, missing: String) throws(RecordRejection) -> String {
        guard let name else { throw RecordRejection(.missingEventName, missing) }
        guard name.contains(where: { !$0.isWhitespace }) else {
            throw RecordRejection(.missingEventName, name.isEmpty ? "the event name is empty" : "the event name is only spaces")
        }
        return name
    }

    public static func decode(_ record: FramedRecord, context: RecordContext) -> Result<CanonicalEvent, RecordRejection> {
        do throws(RecordRejection) {
            let dialect = detectDialect(record)
            let event = switch dialect {
            case .sbw: try SBWDialect.decode(record, context: context)
            case .kinesis: try KinesisDialect.decode(record, context: context)
            case .caseStudy: try CaseStudyDialect.decode(record, context: context)
            }
            if event.eventTimestamp.microseconds > context.now.microseconds + futureTolerance {
                throw RecordRejection(.futureTimestamp, "event time \(event.eventTimestamp) is more than a day ahead of \(context.now)")
            }
            return .success(event)
        } catch {
            return .failure(error)
        }
    }

    /// Kinesis records carry `click_id`/`pixel_id` (or `additional_data` with a `timestamp`); case-study
    /// records name their event `event_type`; everything else is read as SBW (camelCase or snake_case).
    public static func detectDialect(_ record: FramedRecord) -> Dialect {
        var hasAdditionalData = false, hasTimestamp = false, hasEventType = false, hasSBWName = false
        let tape = record.tape
        var key = tape.firstMember(of: record.root)
        let end = tape.end(of: record.root)
        while key < end {
            // By length first: this runs for every member of every record, and most keys match no case.
            switch tape.length(key) {
            case 8: if tape.matches(key, "click_id") || tape.matches(key, "pixel_id") { return .kinesis }
            case 9:
                if tape.matches(key, "timestamp") { hasTimestamp = true } else if tape.matches(key, "eventName") { hasSBWName = true }
            case 10:
                if tape.matches(key, "event_type") { hasEventType = true } else if tape.matches(key, "event_name") { hasSBWName = true }
            case 15: if tape.matches(key, "additional_data") { hasAdditionalData = true }
            default: break
            }
            key = tape.member(after: key)
        }
        if hasAdditionalData && hasTimestamp { return .kinesis }
        if hasEventType && !hasSBWName { return .caseStudy }
        return .sbw
    }
}
