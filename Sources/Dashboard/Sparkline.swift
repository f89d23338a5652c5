/// A KPI card's small trend line over sub-periods of the range: no axes, a 0-based scale, the last
/// value marked, and a `<title>` per period so the exact numbers are a hover away.
struct Sparkline: Sendable {
    /// One period; `value` is nil where the KPI is undefined (a rate with nothing to divide by).
    struct Point: Sendable {
        let label: String
        let value: Double?
        let valueText: String
    }

    let id: String
    /// Accessible name (`Sessions per day`).
    let title: String
    /// Text alternative: the first, last and highest values.
    let summary: String
    let points: [Point]

    static let width = 120.0
    static let height = 30.0
    private static let pad = 3.0

    func render() -> RenderedSVG {
        let values = points.compactMap(\.value)
        let top = max(values.max() ?? 0, 0)
        let scaleTop = top > 0 ? top : 1
        let step = points.count > 1 ? (Self.width - 2 * Self.pad) / Double(points.count - 1) : 0
        let x = { (index: Int) in points.count > 1 ? Self.pad + Double(index) * step : Self.width / 2 }
        let y = { (value: Double) in Self.height - Self.pad - (Self.height - 2 * Self.pad) * value / scaleTop }

        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        // Runs of defined values become separate line pieces: a gap is not a zero.
        var line = ""
        var isDrawing = false
        for (index, point) in points.enumerated() {
            guard let value = point.value else {
                isDrawing = false
                continue
            }
            line += (isDrawing ? "L" : "M") + SVGElement.number(x(index)) + "," + SVGElement.number(y(value))
            isDrawing = true
        }
        if !line.isEmpty {
            children.append(SVGElement("path", [("class", "spark-line"), ("d", line)]))
        }
        if let lastIndex = points.lastIndex(where: { $0.value != nil }), let last = points[lastIndex].value {
            children.append(SVGElement("circle", [("class", "spark-dot"), ("cx", SVGElement.number(x(lastIndex))),
                                                  ("cy", SVGElement.number(y(last))), ("r", "2")]))
        }
        let column = points.count > 1 ? step : Self.width
        var marks: [SVGElement] = []
        for (index, point) in points.enumerated() {
            marks.append(SVGElement("rect", [("class", "hit"), ("x", SVGElement.number(max(0, x(index) - column / 2))),
                                             ("y", "0"), ("width", SVGElement.number(column)),
                                             ("height", SVGElement.number(Self.height))],
                                    children: [.title("\(point.label): \(point.valueText)")]))
        }
        children.append(SVGElement("g", [("class", "points")], children: marks))
        return RenderedSVG(SVGElement("svg", [
            ("class", "spark"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "none"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }
}
