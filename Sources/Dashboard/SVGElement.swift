/// One SVG element with attributes, optional text content and children. Rendering escapes every
/// attribute value and text, so data from events can never become markup. Element and attribute
/// names are always literals in our chart code, never input.
struct SVGElement: Sendable {
    let name: String
    var attributes: [(name: String, value: String)]
    var text: String?
    var children: [SVGElement]

    init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.0, value: $0.1) }
        self.text = text
        self.children = children
    }

    /// A `<title>` child: the browser's tooltip and the accessible name of its parent.
    static func title(_ text: String) -> SVGElement { SVGElement("title", text: text) }

    /// A number for coordinates: at most two decimals, no exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    /// The markup, escaped.
    func render() -> String {
        var output = ""
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + SVGEscape.escape(attribute.value) + "\""
        }
        if text == nil && children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        if let text { output += SVGEscape.escape(text) }
        for child in children { child.render(into: &output) }
        output += "</" + name + ">"
    }
}
