import Foundation

/// A table written as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a
/// comma, quote, CR or LF, quotes doubled. Text that came from events and starts like a spreadsheet
/// formula gets a leading `'`, so opening the file cannot run it (see `guardFormula`).
struct CSVTable: Sendable {
    /// One cell: a number is written as is; text may be guarded; `nil` is an empty field.
    enum Cell: Sendable, Equatable {
        case text(String?)
        case integer(Int?)
        case number(Double?)
        /// A decimal as the warehouse printed it (`19.90`): written as is, so no precision is lost.
        case decimal(String?)
    }

    let header: [String]
    private(set) var rows: [[Cell]] = []

    init(header: [String]) {
        self.header = header
    }

    mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// The document as UTF-8 bytes.
    func bytes() -> [UInt8] {
        var output = ""
        output += header.map(Self.quoted).joined(separator: ",") + "\r\n"
        for row in rows {
            output += row.map(Self.field).joined(separator: ",") + "\r\n"
        }
        return Array(output.utf8)
    }

    static func field(_ cell: Cell) -> String {
        switch cell {
        case .text(let text?): return quoted(guardFormula(text))
        case .integer(let value?): return String(value)
        case .number(let value?): return number(value)
        case .decimal(let text?): return isDecimal(text) ? text : quoted(guardFormula(text))
        case .text(nil), .integer(nil), .number(nil), .decimal(nil): return ""
        }
    }

    /// Whole numbers without a fraction (`1990000`), others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 9.0e15 { return String(Int(value)) }
        return String(value)
    }

    /// `-12.50`, `1990000`: an optional minus, digits, an optional fraction.
    static func isDecimal(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A leading `'` when a spreadsheet could read `text` as a formula: its first character is one of
    /// OWASP's list (`=`, `+`, `-`, `@`, tab, CR) or LF, NUL or `|` (DDE's `cmd|…`), or it is one of
    /// `= + - @ |` after leading whitespace or control characters, which spreadsheets skip
    /// (`" =1+1"`, `"\n@SUM(A1)"`).
    static func guardFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if "\t\r\n\0".unicodeScalars.contains(first) { return "'" + text }
        let start = text.unicodeScalars.first { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
        guard let start, "=+-@|".unicodeScalars.contains(start) else { return text }
        return "'" + text
    }
}
