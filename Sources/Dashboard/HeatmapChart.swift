import Analytics

/// Events by weekday (rows, Monday first) and hour (columns) as a 7 × 24 grid shaded in five steps of
/// one sequential hue (color-blind safe; zero keeps the background), a legend with each step's
/// range, and a `<title>` on every cell with its exact count.
struct HeatmapChart: Sendable {
    let id: String
    let title: String
    let summary: String
    /// Indexed by `(weekday - 1) * 24 + hour`; missing cells count as zero.
    let counts: [Int]

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let steps = 5
    static let width = 880.0
    private static let left = 40.0
    private static let top = 20.0
    private static let cellWidth = 34.0
    private static let cellHeight = 22.0
    private static let gap = 2.0
    private static let legendHeight = 34.0

    static var height: Double { top + 7 * cellHeight + legendHeight }

    init(id: String, title: String, summary: String, cells: [HeatmapCell]) {
        self.id = id
        self.title = title
        self.summary = summary
        var counts = [Int](repeating: 0, count: 7 * 24)
        for cell in cells where (1...7).contains(cell.weekday) && (0..<24).contains(cell.hour) {
            counts[(cell.weekday - 1) * 24 + cell.hour] = cell.events
        }
        self.counts = counts
    }

    /// 0 for an empty cell, else 1…steps by the cell's share of the busiest cell.
    static func step(_ value: Int, maximum: Int) -> Int {
        guard value > 0, maximum > 0 else { return 0 }
        // ceil(value × steps / maximum) in integers, so the legend ranges below match exactly.
        return min(steps, max(1, (value * steps + maximum - 1) / maximum))
    }

    func render() -> RenderedSVG {
        let maximum = counts.max() ?? 0
        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        var axis: [SVGElement] = []
        for hour in stride(from: 0, to: 24, by: 3) {
            axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(Self.left + (Double(hour) + 0.5) * Self.cellWidth)),
                                            ("y", SVGElement.number(Self.top - 6)), ("text-anchor", "middle")],
                                   text: Self.clock(hour)))
        }
        for (row, name) in Self.weekdays.enumerated() {
            axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(Self.left - 6)),
                                            ("y", SVGElement.number(Self.top + (Double(row) + 0.5) * Self.cellHeight)),
                                            ("text-anchor", "end"), ("dominant-baseline", "middle")], text: name))
        }
        children.append(SVGElement("g", [("class", "axes"), ("aria-hidden", "true")], children: axis))

        var cells: [SVGElement] = []
        for row in 0..<7 {
            for hour in 0..<24 {
                let value = counts[row * 24 + hour]
                let next = hour == 23 ? "24:00" : Self.clock(hour + 1)
                cells.append(SVGElement("rect", [
                    ("class", "cell h\(Self.step(value, maximum: maximum))"),
                    ("x", SVGElement.number(Self.left + Double(hour) * Self.cellWidth)),
                    ("y", SVGElement.number(Self.top + Double(row) * Self.cellHeight)),
                    ("width", SVGElement.number(Self.cellWidth - Self.gap)), ("height", SVGElement.number(Self.cellHeight - Self.gap)),
                    ("rx", "2"),
                ], children: [.title("\(Self.weekdays[row]) \(Self.clock(hour))–\(next): \(NumberFormat.integer(value)) events")]))
            }
        }
        children.append(SVGElement("g", [("class", "cells")], children: cells))
        children.append(legend(maximum: maximum))
        return RenderedSVG(SVGElement("svg", [
            ("class", "chart chart-heatmap"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "xMidYMin meet"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }

    /// One swatch per step with the range of counts it stands for.
    private func legend(maximum: Int) -> SVGElement {
        let y = Self.top + 7 * Self.cellHeight + 12
        var items: [SVGElement] = []
        var x = Self.left
        for step in 0...Self.steps {
            let text: String
            if step == 0 {
                text = "0"
            } else {
                let low = maximum * (step - 1) / Self.steps + 1
                let high = maximum * step / Self.steps
                // With fewer events than steps some steps stand for no whole number: leave them out.
                if low > high { continue }
                text = low == high ? NumberFormat.integer(high) : "\(NumberFormat.integer(low))–\(NumberFormat.integer(high))"
            }
            items.append(SVGElement("rect", [("class", "cell h\(step)"), ("x", SVGElement.number(x)), ("y", SVGElement.number(y)),
                                             ("width", "14"), ("height", "14"), ("rx", "2")]))
            items.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(x + 19)), ("y", SVGElement.number(y + 7)),
                                             ("dominant-baseline", "middle")], text: text))
            x += 28 + Double(text.count) * 7
        }
        items.append(SVGElement("text", [("class", "axis-title"), ("x", SVGElement.number(Self.width - 4)), ("y", SVGElement.number(y + 7)),
                                         ("text-anchor", "end"), ("dominant-baseline", "middle")], text: "events per hour of the week"))
        return SVGElement("g", [("class", "legend")], children: items)
    }

    static func clock(_ hour: Int) -> String {
        hour < 10 ? "0\(hour):00" : "\(hour):00"
    }
}
