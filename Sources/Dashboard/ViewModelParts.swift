import Analytics

// Small view-model value types shared by the page templates. Every field is a stored, already
// formatted String/Bool/array: templates only print and loop, and Mustache's mirror sees only
// stored properties. No optionals: a nil would make Mustache look the name up in outer contexts;
// an optional part is an array of zero or one element instead.

/// An `<option>` of a select.
struct SelectOption: Sendable {
    let value: String
    let label: String
    let isSelected: Bool
}

/// A `<datalist>` suggestion.
struct Suggestion: Sendable {
    let value: String
}

/// A hidden form field that carries a filter the form has no control for (category, brand).
struct HiddenField: Sendable {
    let name: String
    let value: String
}

/// A filter in effect, shown as a chip with a link that removes it.
struct ActiveFilter: Sendable {
    let name: String
    let value: String
    let removeURL: String
}

/// A panel's links to its data: JSON always, CSV for tabular metrics.
struct PanelLinks: Sendable {
    let jsonURL: String
    let csvURL: String
    let hasCSV: Bool

    init(_ links: DashboardLinks, _ metric: APIMetric, _ filters: Filters, cursor: String? = nil, scope: EventScope = .product) {
        jsonURL = links.api(metric, filters, cursor: cursor, scope: scope)
        hasCSV = metric.formats.contains(.csv)
        csvURL = hasCSV ? links.api(metric, filters, cursor: cursor, format: .csv, scope: scope) : ""
    }
}

/// What a panel shows instead of its chart when its query failed or timed out.
struct PanelError: Sendable {
    let title: String
    let message: String
    let requestID: String

    init(_ failure: LoadFailure, requestID: String) {
        let text = FailureText(failure, requestID: requestID)
        title = text.title
        message = text.status == .internalServerError
            ? "This panel could not be computed; the details are in the server log."
            : text.hint
        self.requestID = requestID
    }
}

/// A table of exact numbers, collapsed under a chart (`<details>`).
struct DataTable: Sendable {
    let caption: String
    let headers: [TableHeader]
    let rows: [TableRow]
}

/// A column heading; numeric columns are right-aligned.
struct TableHeader: Sendable {
    let text: String
    let isNumber: Bool
}

/// One row: a row heading and its cells.
struct TableRow: Sendable {
    let label: String
    let cells: [TableCell]
}

/// One cell, already formatted.
struct TableCell: Sendable {
    let text: String
    let isNumber: Bool

    static func number(_ text: String) -> TableCell { TableCell(text: text, isNumber: true) }
}

/// A link in the page's section navigation.
struct SectionLink: Sendable {
    let id: String
    let title: String
}
