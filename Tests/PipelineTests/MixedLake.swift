import Foundation
import Gzip
import Lake

/// A lake with every layout and framing the ETL reads, and the ids it must end up with exactly once.
struct MixedLake {
    /// Every event id that must be in the warehouse after a complete load (payload ids only; see `derivedCount`).
    var expectedIDs: Set<String> = []
    /// Records without a payload id: each gets its own derived id.
    var derivedCount = 0
    /// Records that must be refused.
    var rejectCount = 0
    var objects: [(key: String, bytes: [UInt8])] = []

    var expectedEvents: Int { expectedIDs.count + derivedCount }

    /// `singles` one-event files (original layout), `batches` gzip NDJSON objects of `perBatch` events in Hive
    /// layout, and `arrays` JSON-array files in the daily layout; some ids repeat across objects, some records
    /// carry no id, one line per batch is broken.
    static func make(singles: Int, batches: Int, perBatch: Int, arrays: Int, perArray: Int) throws -> MixedLake {
        var lake = MixedLake()
        var counter = 0
        func nextID() -> String {
            counter += 1
            return String(format: "00000000-0000-4000-8000-%012x", counter)
        }
        for index in 0..<singles {
            let id = nextID()
            let hour = index % 24
            let key = String(format: "events/2025/12/%02d/%02d/event-%@.json", 1 + index % 7, hour, id)
            lake.add(key: key, bytes: Array(sbw(id: id, name: "product_view", hour: hour).utf8), ids: [id])
        }
        for batch in 0..<batches {
            var lines: [String] = []
            var ids: [String] = []
            for position in 0..<perBatch {
                if position == 3 {
                    lines.append(#"{"event_name":"AddToCart","click_id":"#)  // broken line: invalid_json
                    lake.rejectCount += 1
                } else if position % 50 == 7 {
                    lines.append(#"{"user_id":"u1","event_type":"add_to_cart","event_timestamp":"2025-12-03T10:00:00Z"}"#)
                    lake.derivedCount += 1
                } else {
                    let id = nextID()
                    ids.append(id)
                    lines.append(kinesis(id: id))
                }
            }
            // A replayed event: the first id of the previous batch again (must not load twice).
            if batch > 0, let previous = lake.lastBatchFirstID {
                lines.append(kinesis(id: previous))
            }
            lake.lastBatchFirstID = ids.first
            let key = String(format: "events/year=2025/month=12/day=%02d/hour=%02d/part-%04d.ndjson.gz", 1 + batch % 7, batch % 24, batch)
            lake.add(key: key, bytes: try Gzip.compress(Array(lines.joined(separator: "\n").utf8)), ids: ids)
        }
        for array in 0..<arrays {
            var records: [String] = []
            var ids: [String] = []
            for _ in 0..<perArray {
                let id = nextID()
                ids.append(id)
                records.append(sbw(id: id, name: "add_to_cart_click", hour: 9))
            }
            let key = String(format: "events/2025/12/%02d/array-%04d.json", 1 + array % 7, array)
            lake.add(key: key, bytes: Array(("[" + records.joined(separator: ",\n") + "]").utf8), ids: ids)
        }
        return lake
    }

    private var lastBatchFirstID: String?

    private mutating func add(key: String, bytes: [UInt8], ids: [String]) {
        objects.append((key, bytes))
        expectedIDs.formUnion(ids)
    }

    func write(to store: any RawStore) async throws {
        for object in objects {
            try await store.put(object.key, bytes: object.bytes, contentType: "application/json")
        }
    }

    static func sbw(id: String, name: String, hour: Int) -> String {
        #"{"eventName":"\#(name)","eventId":"\#(id)","clientId":"c-\#(id.suffix(4))","sessionId":"s-\#(id.suffix(3))","#
            + #""userLoginState":"anonymous","product":{"id":"p1","category":"keyboard","brand":"AULA","price":1990000},"#
            + #""_ingest":{"receivedAt":"2025-12-05T\#(String(format: "%02d", hour)):14:09.512Z","sourceIp":"203.0.113.24"}}"#
    }

    static func kinesis(id: String) -> String {
        #"{"timestamp":"2025-12-04 20:24:49.536462","user_id":"20","click_id":"\#(id.replacingOccurrences(of: "-", with: ""))","#
            + #""event_name":"ViewContent","additional_data":{"price":694.83,"product_id":361482}}"#
    }
}
