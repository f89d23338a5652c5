/// An area-and-line chart of counts over time buckets, with a 1-2-5 value axis, sparse time
/// labels, and a `<title>` tooltip on every bucket.
struct TimeSeriesChart: Sendable {
    /// One bucket: the axis label, the tooltip's name for it, and the count.
    struct Point: Sendable {
        let axisLabel: String
        let tooltipLabel: String
        let value: Int
        /// A bucket that starts after now: kept on the axis, left out of the line (not a zero).
        var isFuture = false
    }

    let id: String
    /// Accessible name (`Events per day`).
    let title: String
    /// Accessible description: what the chart shows in numbers.
    let summary: String
    let valueName: String
    let points: [Point]

    static let width = 960.0
    static let height = 260.0
    private static let left = 58.0
    private static let right = 12.0
    private static let top = 14.0
    private static let bottom = 28.0
    private static let maxAxisLabels = 8

    func render() -> RenderedSVG {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let baseline = Self.top + plotHeight
        let scale = NiceScale(dataMaximum: Double(points.map(\.value).max() ?? 0))
        let count = max(points.count, 1)
        let column = plotWidth / Double(count)
        let x = { (index: Int) in Self.left + (Double(index) + 0.5) * column }
        let y = { (value: Double) in baseline - plotHeight * value / scale.maximum }

        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        // Value axis: grid lines and tick labels, plus the axis title.
        var axis: [SVGElement] = []
        for tick in scale.ticks {
            let tickY = SVGElement.number(y(tick))
            axis.append(SVGElement("line", [("class", tick == 0 ? "axis" : "grid"), ("x1", SVGElement.number(Self.left)),
                                            ("x2", SVGElement.number(Self.width - Self.right)), ("y1", tickY), ("y2", tickY)]))
            axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(Self.left - 6)), ("y", tickY),
                                            ("text-anchor", "end"), ("dominant-baseline", "middle")],
                                   text: NumberFormat.compact(tick)))
        }
        axis.append(SVGElement("text", [("class", "axis-title"), ("x", "12"), ("y", SVGElement.number(Self.top + plotHeight / 2)),
                                        ("text-anchor", "middle"), ("transform", "rotate(-90 12 \(SVGElement.number(Self.top + plotHeight / 2)))")],
                               text: valueName))
        // Time axis: at most `maxAxisLabels` labels, evenly spaced.
        let stride = max(1, (points.count + Self.maxAxisLabels - 1) / Self.maxAxisLabels)
        for (index, point) in points.enumerated() where index % stride == 0 {
            axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(x(index))),
                                            ("y", SVGElement.number(baseline + 18)), ("text-anchor", "middle")],
                                   text: point.axisLabel))
        }
        children.append(SVGElement("g", [("class", "axes"), ("aria-hidden", "true")], children: axis))

        let drawn = points.enumerated().filter { !$0.element.isFuture }
        if !drawn.isEmpty {
            let coordinates = drawn.map { (x($0.offset), y(Double($0.element.value))) }
            var line = ""
            for (index, point) in coordinates.enumerated() {
                line += (index == 0 ? "M" : "L") + SVGElement.number(point.0) + "," + SVGElement.number(point.1)
            }
            let first = SVGElement.number(coordinates[0].0)
            let last = SVGElement.number(coordinates[coordinates.count - 1].0)
            let base = SVGElement.number(baseline)
            let area = "M\(first),\(base)L" + line.dropFirst() + "L\(last),\(base)Z"
            children.append(SVGElement("path", [("class", "area"), ("d", area)]))
            children.append(SVGElement("path", [("class", "line"), ("d", line)]))
        }
        // One hover target per bucket: a full-height column carrying the tooltip, and a dot.
        let showDots = points.count <= 62
        var marks: [SVGElement] = []
        for (index, point) in points.enumerated() {
            let tooltip = point.isFuture ? "\(point.tooltipLabel): not yet" : "\(point.tooltipLabel): \(NumberFormat.integer(point.value)) \(valueName)"
            var mark: [SVGElement] = [
                .title(tooltip),
                SVGElement("rect", [("class", "hit"), ("x", SVGElement.number(x(index) - column / 2)),
                                    ("y", SVGElement.number(Self.top)), ("width", SVGElement.number(column)),
                                    ("height", SVGElement.number(plotHeight))]),
            ]
            if showDots && !point.isFuture {
                mark.append(SVGElement("circle", [("class", "dot"), ("cx", SVGElement.number(x(index))),
                                                  ("cy", SVGElement.number(y(Double(point.value)))), ("r", "2.5")]))
            }
            marks.append(SVGElement("g", [("class", "point")], children: mark))
        }
        children.append(SVGElement("g", [("class", "points")], children: marks))

        return RenderedSVG(SVGElement("svg", [
            ("class", "chart chart-time"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "xMidYMid meet"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }
}
