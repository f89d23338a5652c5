import Foundation
import Money

/// A Swift value that can be read from a column's text representation.
public protocol PostgresDecodable {
    init(postgresText: String) throws(PostgresError)
}

private func decodingError(_ text: String, as type: String) -> PostgresError {
    PostgresError(kind: .decoding, message: "cannot read \(text.prefix(64).debugDescription) as \(type)")
}

extension String: PostgresDecodable {
    public init(postgresText: String) { self = postgresText }
}

extension Int: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = Int(postgresText) else { throw decodingError(postgresText, as: "Int") }
        self = value
    }
}

extension Int64: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = Int64(postgresText) else { throw decodingError(postgresText, as: "Int64") }
        self = value
    }
}

extension Double: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = Double(postgresText) else { throw decodingError(postgresText, as: "Double") }
        self = value
    }
}

extension Bool: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw decodingError(postgresText, as: "Bool")
        }
    }
}

/// `numeric`, exactly, whatever its size (Foundation's `Decimal` keeps 38 digits and silently rounds
/// or overflows past them).
extension Amount: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = Amount(postgresText) else { throw decodingError(postgresText, as: "numeric") }
        self = value
    }
}

extension UUID: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = UUID(uuidString: postgresText) else { throw decodingError(postgresText, as: "UUID") }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresText: String) throws(PostgresError) {
        guard let value = PostgresTimestamp.parse(postgresText) else { throw decodingError(postgresText, as: "Date") }
        self = value
    }
}
