/// The rows of a completed statement, fully read into Swift memory.
public struct PostgresResult: Sendable, RandomAccessCollection {
    public let columns: [String]
    /// Rows inserted, updated, deleted or copied, from the command tag (0 when it has none).
    public let affectedRows: Int
    let rows: [PostgresRow]

    init(columns: [String], rows: [PostgresRow], affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PostgresRow { rows[position] }
}
