/// Markup made by our escaping SVG builder: the only kind of value templates may print raw
/// (`{{{chart}}}`). Its initializer takes an `SVGElement`, never a string.
struct RenderedSVG: Sendable, CustomStringConvertible {
    let description: String

    init(_ element: SVGElement) {
        description = element.render()
    }

    /// Nothing to draw (the template shows an empty-state message instead).
    static let none = RenderedSVG(SVGElement("g"))
}
