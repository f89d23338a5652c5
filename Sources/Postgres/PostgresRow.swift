/// One row of a result, its values read into Swift as text (NULL is `nil`).
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    /// The raw text of column `index`, `nil` for NULL or an index out of range.
    public subscript(_ index: Int) -> String? {
        values.indices.contains(index) ? values[index] : nil
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws(PostgresError) -> T {
        guard let value = try decodeIfPresent(type, at: index) else {
            throw PostgresError(kind: .decoding, message: "column \(columns.name(at: index)) is NULL, expected \(T.self)")
        }
        return value
    }

    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws(PostgresError) -> T? {
        guard values.indices.contains(index) else {
            throw PostgresError(kind: .decoding, message: "no column at index \(index) (the row has \(values.count))")
        }
        guard let text = values[index] else { return nil }
        do {
            return try T(postgresText: text)
        } catch {
            throw PostgresError(kind: .decoding, message: "column \(columns.name(at: index)): \(error.message)")
        }
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type, column: String) throws(PostgresError) -> T {
        try decode(type, at: try columns.index(of: column))
    }

    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, column: String) throws(PostgresError) -> T? {
        try decodeIfPresent(type, at: try columns.index(of: column))
    }
}

/// Column names of a result, shared by all its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.indexByName = index
    }

    func name(at index: Int) -> String {
        names.indices.contains(index) ? names[index] : "#\(index)"
    }

    func index(of name: String) throws(PostgresError) -> Int {
        guard let index = indexByName[name] else {
            throw PostgresError(kind: .decoding, message: "no column named \(name) (columns: \(names.joined(separator: ", ")))")
        }
        return index
    }
}
