/// The purchase funnel as horizontal bars, one per step, each as wide as its share of the first step.
/// A pale bar behind each shows the previous step, so the drop-off is visible; the step conversion
/// is written under the bar. Every bar has a `<title>` with the exact numbers.
struct FunnelChart: Sendable {
    struct Step: Sendable {
        let label: String
        let sessions: Int
        /// `1,234 sessions`.
        let valueText: String
        /// `42.1% of the previous step · 12.3% of the first`; empty for the first step.
        let conversionText: String
        let tooltip: String
    }

    let id: String
    let title: String
    let summary: String
    let steps: [Step]

    static let width = 960.0
    private static let labelWidth = 130.0
    private static let valueWidth = 70.0
    private static let rowHeight = 44.0
    private static let barHeight = 20.0
    private static let top = 4.0

    var height: Double { Self.top + Double(max(steps.count, 1)) * Self.rowHeight }

    func render() -> RenderedSVG {
        let plotLeft = Self.labelWidth
        let plotWidth = Self.width - Self.labelWidth - Self.valueWidth
        let first = Double(max(steps.first?.sessions ?? 0, 1))
        let width = { (sessions: Int) in plotWidth * Double(sessions) / first }

        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        var rows: [SVGElement] = []
        for (index, step) in steps.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let barY = rowTop + 2
            let middle = SVGElement.number(barY + Self.barHeight / 2)
            var parts: [SVGElement] = [
                .title(step.tooltip),
                SVGElement("rect", [("class", "hit"), ("x", "0"), ("y", SVGElement.number(rowTop)),
                                    ("width", SVGElement.number(Self.width)), ("height", SVGElement.number(Self.rowHeight))]),
                SVGElement("text", [("class", "label"), ("x", SVGElement.number(plotLeft - 8)), ("y", middle),
                                    ("text-anchor", "end"), ("dominant-baseline", "middle")], text: BarChart.shorten(step.label)),
            ]
            if index > 0 {
                parts.append(SVGElement("rect", [("class", "ghost"), ("x", SVGElement.number(plotLeft)), ("y", SVGElement.number(barY)),
                                                 ("width", SVGElement.number(width(steps[index - 1].sessions))),
                                                 ("height", SVGElement.number(Self.barHeight)), ("rx", "2")]))
            }
            let barWidth = width(step.sessions)
            parts.append(SVGElement("rect", [("class", "bar"), ("x", SVGElement.number(plotLeft)), ("y", SVGElement.number(barY)),
                                             ("width", SVGElement.number(max(barWidth, step.sessions > 0 ? 1 : 0))),
                                             ("height", SVGElement.number(Self.barHeight)), ("rx", "2")]))
            let valueX = plotLeft + max(barWidth, index > 0 ? width(steps[index - 1].sessions) : 0) + 6
            parts.append(SVGElement("text", [("class", "value"), ("x", SVGElement.number(valueX)), ("y", middle),
                                             ("dominant-baseline", "middle")], text: step.valueText))
            if !step.conversionText.isEmpty {
                parts.append(SVGElement("text", [("class", "note"), ("x", SVGElement.number(plotLeft)),
                                                 ("y", SVGElement.number(barY + Self.barHeight + 13))],
                                        text: step.conversionText))
            }
            rows.append(SVGElement("g", [("class", "row")], children: parts))
        }
        children.append(SVGElement("g", [("class", "bars")], children: rows))
        return RenderedSVG(SVGElement("svg", [
            ("class", "chart chart-funnel"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "xMidYMin meet"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }
}
