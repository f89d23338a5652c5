import Foundation

/// What a generator run wrote: counts, time span, and how long it took.
public struct GeneratorSummary: Sendable, Equatable, CustomStringConvertible {
    /// Events generated (one per file in the SBW ingest layout).
    public var events = 0
    /// Objects written to the store.
    public var files = 0
    /// Payload bytes written.
    public var bytes: Int64 = 0
    /// The earliest and latest `_ingest.receivedAt`; nil when nothing was generated.
    public var firstEventAt: Date?
    public var lastEventAt: Date?
    /// Events per `eventName`.
    public var countsByEventName: [String: Int] = [:]
    /// Where the objects went (the store's location).
    public var location = ""
    /// Wall time of the run.
    public var duration: Duration = .zero

    public init() {}

    /// Counts one written object.
    public mutating func record(_ object: GeneratedObject) {
        files += 1
        bytes += Int64(object.bytes.count)
        recordEvent(object)
    }

    /// Counts one event without its object (batched output counts objects as they are written).
    public mutating func recordEvent(_ object: GeneratedObject) {
        events += 1
        countsByEventName[object.eventName, default: 0] += 1
        firstEventAt = min(firstEventAt ?? object.receivedAt, object.receivedAt)
        lastEventAt = max(lastEventAt ?? object.receivedAt, object.receivedAt)
    }

    /// Events per second of wall time, 0 before the run is timed.
    public var eventsPerSecond: Double {
        elapsedSeconds > 0 ? Double(events) / elapsedSeconds : 0
    }

    /// The wall time in seconds.
    public var elapsedSeconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    public var description: String {
        let span = firstEventAt.flatMap { first in lastEventAt.map { "\(iso(first)) … \(iso($0))" } } ?? "no events"
        let counts = EventName.allCases.map(\.rawValue) + countsByEventName.keys.sorted().filter { EventName(rawValue: $0) == nil }
        let mix = counts.compactMap { name in countsByEventName[name].map { "\(name) \(grouped($0))" } }.joined(separator: ", ")
        return "generated \(grouped(events)) events in \(grouped(files)) files (\(grouped(Int(bytes / 1024))) KiB) to \(location), "
            + "spanning \(span), in \(String(format: "%.2f s", elapsedSeconds)) "
            + "(\(grouped(Int(eventsPerSecond))) events/s); mix: \(mix.isEmpty ? "none" : mix)"
    }

    private func iso(_ date: Date) -> String {
        CivilTime(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded())).iso8601
    }

    private func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }
}
