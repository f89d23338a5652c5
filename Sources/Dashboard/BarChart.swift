/// Horizontal bars with labels, values, a 1-2-5 value axis and a `<title>` tooltip per bar.
/// Labels may link (drill-down filters); long labels are shortened, the tooltip keeps them whole.
struct BarChart: Sendable {
    /// One bar. `colorIndex` picks a palette color (categorical data); `nil` uses the accent.
    struct Bar: Sendable {
        let label: String
        let value: Int
        let valueText: String
        let tooltip: String
        var link: String?
        var colorIndex: Int?
    }

    let id: String
    let title: String
    let summary: String
    let valueName: String
    let bars: [Bar]

    static let width = 480.0
    private static let labelWidth = 150.0
    private static let valueWidth = 74.0
    private static let rowHeight = 26.0
    private static let barHeight = 16.0
    private static let top = 6.0
    private static let bottom = 24.0
    private static let maxLabelCharacters = 20

    var height: Double { Self.top + Double(max(bars.count, 1)) * Self.rowHeight + Self.bottom }

    func render() -> RenderedSVG {
        let plotLeft = Self.labelWidth
        let plotWidth = Self.width - Self.labelWidth - Self.valueWidth
        let plotBottom = Self.top + Double(max(bars.count, 1)) * Self.rowHeight
        let scale = NiceScale(dataMaximum: Double(bars.map(\.value).max() ?? 0), targetTicks: 3)
        let x = { (value: Double) in plotLeft + plotWidth * value / scale.maximum }

        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        var axis: [SVGElement] = []
        for tick in scale.ticks {
            let tickX = SVGElement.number(x(tick))
            axis.append(SVGElement("line", [("class", tick == 0 ? "axis" : "grid"), ("x1", tickX), ("x2", tickX),
                                            ("y1", SVGElement.number(Self.top)), ("y2", SVGElement.number(plotBottom))]))
            axis.append(SVGElement("text", [("class", "tick"), ("x", tickX), ("y", SVGElement.number(plotBottom + 16)),
                                            ("text-anchor", "middle")], text: NumberFormat.compact(tick)))
        }
        axis.append(SVGElement("text", [("class", "axis-title"), ("x", SVGElement.number(Self.width - 4)),
                                        ("y", SVGElement.number(plotBottom + 16)), ("text-anchor", "end")], text: valueName))
        children.append(SVGElement("g", [("class", "axes"), ("aria-hidden", "true")], children: axis))

        var rows: [SVGElement] = []
        for (index, bar) in bars.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let middle = SVGElement.number(rowTop + Self.rowHeight / 2)
            let barClass = bar.colorIndex.map { "bar c\($0 % 8)" } ?? "bar"
            var parts: [SVGElement] = [
                .title(bar.tooltip),
                SVGElement("rect", [("class", "hit"), ("x", "0"), ("y", SVGElement.number(rowTop)),
                                    ("width", SVGElement.number(Self.width)), ("height", SVGElement.number(Self.rowHeight))]),
                SVGElement("text", [("class", "label"), ("x", SVGElement.number(plotLeft - 8)), ("y", middle),
                                    ("text-anchor", "end"), ("dominant-baseline", "middle")], text: Self.shorten(bar.label)),
                SVGElement("rect", [("class", barClass), ("x", SVGElement.number(plotLeft)),
                                    ("y", SVGElement.number(rowTop + (Self.rowHeight - Self.barHeight) / 2)),
                                    ("width", SVGElement.number(max(x(Double(bar.value)) - plotLeft, bar.value > 0 ? 1 : 0))),
                                    ("height", SVGElement.number(Self.barHeight)), ("rx", "2")]),
                SVGElement("text", [("class", "value"), ("x", SVGElement.number(x(Double(bar.value)) + 6)), ("y", middle),
                                    ("dominant-baseline", "middle")], text: bar.valueText),
            ]
            if let link = bar.link {
                parts = [SVGElement("a", [("href", link)], children: parts)]
            }
            rows.append(SVGElement("g", [("class", "row")], children: parts))
        }
        children.append(SVGElement("g", [("class", "bars")], children: rows))

        return RenderedSVG(SVGElement("svg", [
            ("class", "chart chart-bars"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "xMidYMin meet"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }

    /// At most `maxLabelCharacters` characters, ending in an ellipsis when cut.
    static func shorten(_ label: String) -> String {
        label.count <= maxLabelCharacters ? label : String(label.prefix(maxLabelCharacters - 1)) + "…"
    }
}
