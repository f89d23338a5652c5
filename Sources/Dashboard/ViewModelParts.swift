// Small view-model value types shared by the page templates. Every field is a stored, already
// formatted String/Bool/array: templates only print and loop, and Mustache's mirror sees only
// stored properties. No optionals: a nil would make Mustache look the name up in outer contexts.

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

/// One row of a chart's data table (the exact numbers behind the chart).
struct TableRow: Sendable {
    let label: String
    let value: String
}
