/// A template that rendered nothing: a programming error, answered with a plain 500.
struct DashboardRenderError: Error, Sendable, CustomStringConvertible {
    let template: String
    var detail = ""

    var description: String { "template \(template) could not be rendered" + (detail.isEmpty ? "" : ": \(detail)") }
}
