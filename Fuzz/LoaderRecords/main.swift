// libFuzzer target for the loader's record path: bytes → framer → dialect decoder → binary COPY row.
// scripts/fuzz.sh compiles this file with the Pipeline, Money, JSON, CivilCalendar, Gzip and Lake sources it
// lists (imports of our own modules stripped: one module) using `-sanitize=fuzzer`.
//
// Invariants, for every input:
// - nothing crashes or traps;
// - every framed record yields exactly one event or one reject, at its position, and so does the object;
// - each record's own bytes, framed alone, give the same event or the same reject reason (the record does
//   not depend on its neighbours);
// - NDJSON split at line boundaries chosen by the input into separate objects gives the same records (line
//   numbers shifted), unless a piece becomes one multi-line JSON document of its own;
// - every event's binary COPY row parses back to the event's values (text, uuid, time, numbers, jsonb).

import Foundation

let context = RecordContext(objectKey: "events/2025/12/06/05/fuzz.json", etag: "etag",
                            lastModified: EventTimestamp(microseconds: 1_765_000_000_000_000),
                            now: EventTimestamp(microseconds: 1_765_000_000_000_000))

/// A decode outcome reduced to what must agree: the COPY row's bytes, or the reject reason.
enum Outcome: Equatable {
    case row([UInt8])
    case reject(RejectReason)
}

func outcome(_ record: FramedRecord, position: Int) -> Outcome {
    var record = record
    record.position = position
    switch EventDecoder.decode(record, context: context) {
    case .success(let event): return .row(CopyRowCheck.encode(event))
    case .failure(let rejection): return .reject(rejection.reason)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []

    // The object as the loader decodes it (gzip included), and its accounting.
    let blob = LakeBlob(key: context.objectKey, bytes: bytes, etag: context.etag, lastModified: context.lastModified.date)
    let decoded = ObjectDecoder.decode(blob, now: context.now)
    for event in decoded.events { CopyRowCheck.verify(event) }
    let framed = RecordFramer.frame(bytes)
    if !Gzip.isGzip(bytes) {
        precondition(decoded.events.count + decoded.rejects.count == framed.records.count + framed.rejects.count,
                     "a record yielded neither an event nor a reject, or both")
        let positions = Set(decoded.events.map(\.sourcePosition) + decoded.rejects.map(\.position))
        precondition(framed.records.allSatisfy { positions.contains($0.position) }, "a record's position was lost")
    }

    // Each record alone.
    let whole = framed.records.map { ($0.position, outcome($0, position: $0.position)) }
    for (record, (position, expected)) in zip(framed.records, whole) {
        guard let range = record.rawRange else { continue }  // array elements share their array's bytes
        let alone = RecordFramer.frame(Array(bytes[range]))
        precondition(alone.records.count == 1 && alone.rejects.isEmpty, "a record's bytes do not frame alone")
        precondition(outcome(alone.records[0], position: position) == expected, "a record decodes differently alone")
    }

    // NDJSON split into objects at line boundaries picked by the input's last byte.
    let lines = LineSplit.lines(bytes)
    guard lines.count > 1, framed.records.contains(where: { $0.position > 0 }), let seed = bytes.last else { return 0 }
    var expected: [Int: Outcome] = [:]
    for (position, result) in whole { expected[position] = result }
    var start = 0
    while start < lines.count {
        let end = min(lines.count, start + 1 + Int(seed >> (start % 5)) % 3)
        let piece = Array(bytes[lines[start].lowerBound..<lines[end - 1].upperBound])
        if end - start == 1 || !LineSplit.isOneDocument(piece) {
            for record in RecordFramer.frame(piece).records {
                let position = start + record.position
                precondition(expected[position] == outcome(record, position: position), "a split object frames differently")
            }
        }
        start = end
    }
    return 0
}
