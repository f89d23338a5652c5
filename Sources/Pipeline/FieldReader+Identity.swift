import Foundation

extension FieldReader {
    /// A time from an ISO 8601 string or a Unix-time number; present but unparseable is `bad_timestamp`.
    mutating func timestamp(_ keys: FieldKey...) throws(RecordRejection) -> EventTimestamp? {
        for key in keys {
            guard let value = consume(key) else { continue }
            switch tape.kind(value) {
            case .null: continue
            case .string:
                if let time = EventTimestamp(parsing: tape.utf8(value)) { return time }
            case .number:
                if let time = EventTimestamp(epochNumber: tape.text(value)) { return time }
            default: break
            }
            throw RecordRejection(.badTimestamp, "\(path)\(key): \(Self.shownAsJSON(tape.excerpt(value))) is not a valid time")
        }
        return nil
    }

    /// The first of `keys` holding a valid, non-nil uuid (dashed, or 32 hex digits as Kinesis click_id).
    /// An invalid one is not consumed: it stays in properties and the record gets a derived id.
    mutating func uuid(_ keys: FieldKey...) -> UUID? {
        for key in keys {
            guard let value = value(key), tape.kind(value) == .string, let id = Self.uuid(from: tape.utf8(value)) else { continue }
            consume(key)
            return id
        }
        return nil
    }

    static func uuid(from utf8: ArraySlice<UInt8>) -> UUID? {
        guard let id = UUIDText.parse(utf8) else { return nil }
        return UUIDText.isNil(id) ? nil : id
    }
}
