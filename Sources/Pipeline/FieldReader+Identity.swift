import Foundation

extension FieldReader {
    /// A time from an ISO 8601 string or a Unix-time number; present but unparseable is `bad_timestamp`.
    mutating func timestamp(_ keys: String...) throws(RecordRejection) -> EventTimestamp? {
        for key in keys {
            guard let value = value(key) else { continue }
            consume(key)
            switch value {
            case .null: continue
            case .string(let text):
                if let time = EventTimestamp(parsing: text) { return time }
            case .number(let literal):
                if let time = EventTimestamp(epochNumber: literal) { return time }
            default: break
            }
            throw RecordRejection(.badTimestamp, "\(path)\(key): \(Self.quoted(JSONWriter.excerpt(of: value))) is not a valid time")
        }
        return nil
    }

    /// The first of `keys` holding a valid, non-nil uuid (dashed, or 32 hex digits as Kinesis click_id).
    /// An invalid one is not consumed: it stays in properties and the record gets a derived id.
    mutating func uuid(_ keys: String...) -> UUID? {
        for key in keys {
            guard case .string(let text)? = value(key), let id = Self.uuid(from: text) else { continue }
            consume(key)
            return id
        }
        return nil
    }

    static func uuid(from text: String) -> UUID? {
        var candidate = text
        if text.utf8.count == 32, text.utf8.allSatisfy({ isHexDigit($0) }) {
            let hex = Array(text)
            candidate = String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-"
                + String(hex[16..<20]) + "-" + String(hex[20..<32])
        }
        guard candidate.utf8.count == 36, let id = UUID(uuidString: candidate) else { return nil }
        let bytes = id.uuid
        let isNil = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7,
                     bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15].allSatisfy { $0 == 0 }
        return isNil ? nil : id
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
