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
        guard let id = UUIDText.parse(text) else { return nil }
        return UUIDText.isNil(id) ? nil : id
    }
}
