import Analytics
import Foundation

/// The ETL's work per hour as two column panes over one time axis: objects loaded above, rows they
/// brought below (each with its own 1-2-5 scale, since rows outnumber objects by orders of
/// magnitude). Columns sit at their hour's place in the range, so quiet hours show as gaps.
struct LoadColumnsChart: Sendable {
    struct Hour: Sendable {
        let start: Date
        let objects: Int
        let rows: Int
        let tooltip: String
    }

    let id: String
    let title: String
    let summary: String
    let start: Date
    let end: Date
    let timeZone: TimeZone
    let hours: [Hour]

    static let width = 960.0
    static let height = 214.0
    private static let left = 58.0
    private static let right = 12.0
    private static let paneTop = [14.0, 108.0]
    private static let paneHeight = 72.0

    func render() -> RenderedSVG {
        let plotWidth = Self.width - Self.left - Self.right
        let span = max(end.timeIntervalSince(start), 3_600)
        let column = max(plotWidth * 3_600 / span, 1)
        let x = { (instant: Date) in Self.left + plotWidth * instant.timeIntervalSince(self.start) / span }
        var children: [SVGElement] = [
            SVGElement("title", [("id", id + "-title")], text: title),
            SVGElement("desc", [("id", id + "-desc")], text: summary),
        ]
        var axis: [SVGElement] = []
        let panes: [(String, [Int])] = [("objects", hours.map(\.objects)), ("rows", hours.map(\.rows))]
        var scales: [NiceScale] = []
        for (index, pane) in panes.enumerated() {
            let scale = NiceScale(dataMaximum: Double(pane.1.max() ?? 0), targetTicks: 2)
            scales.append(scale)
            let top = Self.paneTop[index]
            for tick in scale.ticks {
                let y = SVGElement.number(top + Self.paneHeight - Self.paneHeight * tick / scale.maximum)
                axis.append(SVGElement("line", [("class", tick == 0 ? "axis" : "grid"), ("x1", SVGElement.number(Self.left)),
                                                ("x2", SVGElement.number(Self.width - Self.right)), ("y1", y), ("y2", y)]))
                axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(Self.left - 6)), ("y", y),
                                                ("text-anchor", "end"), ("dominant-baseline", "middle")], text: NumberFormat.compact(tick)))
            }
            axis.append(SVGElement("text", [("class", "axis-title"), ("x", SVGElement.number(Self.width - Self.right)),
                                            ("y", SVGElement.number(top - 4)), ("text-anchor", "end")], text: pane.0 + " per hour"))
        }
        for (instant, label) in timeTicks() {
            axis.append(SVGElement("text", [("class", "tick"), ("x", SVGElement.number(x(instant))),
                                            ("y", SVGElement.number(Self.height - 6)), ("text-anchor", "middle")], text: label))
        }
        children.append(SVGElement("g", [("class", "axes"), ("aria-hidden", "true")], children: axis))

        var marks: [SVGElement] = []
        for hour in hours where hour.start >= start && hour.start < end {
            let left = x(hour.start)
            var parts: [SVGElement] = [.title(hour.tooltip)]
            for (index, value) in [hour.objects, hour.rows].enumerated() {
                let top = Self.paneTop[index]
                let barHeight = value > 0 ? max(Self.paneHeight * Double(value) / scales[index].maximum, 1) : 0
                parts.append(SVGElement("rect", [("class", index == 0 ? "bar c1" : "bar"), ("x", SVGElement.number(left)),
                                                 ("y", SVGElement.number(top + Self.paneHeight - barHeight)),
                                                 ("width", SVGElement.number(max(column - (column > 3 ? 1 : 0), 1))),
                                                 ("height", SVGElement.number(barHeight))]))
            }
            parts.append(SVGElement("rect", [("class", "hit"), ("x", SVGElement.number(left)), ("y", SVGElement.number(Self.paneTop[0])),
                                             ("width", SVGElement.number(max(column, 4))),
                                             ("height", SVGElement.number(Self.paneTop[1] + Self.paneHeight - Self.paneTop[0]))]))
            marks.append(SVGElement("g", [("class", "point")], children: parts))
        }
        children.append(SVGElement("g", [("class", "points")], children: marks))
        return RenderedSVG(SVGElement("svg", [
            ("class", "chart chart-load"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"),
            ("role", "img"), ("aria-label", title), ("aria-describedby", id + "-desc"),
            ("preserveAspectRatio", "xMidYMid meet"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], children: children))
    }

    /// Local midnights (every few days for long ranges), or every 6 hours for ranges up to two days.
    private func timeTicks() -> [(Date, String)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let span = end.timeIntervalSince(start)
        if span <= 2 * 86_400 + 3_600 {
            var ticks: [(Date, String)] = []
            var instant = calendar.dateInterval(of: .hour, for: start)?.start ?? start
            while instant < end {
                let hour = calendar.component(.hour, from: instant)
                if instant >= start, hour % 6 == 0 {
                    ticks.append((instant, hour == 0 ? DateText.day(LocalDate(containing: instant, in: timeZone)) : HeatmapChart.clock(hour)))
                }
                instant = instant.addingTimeInterval(3_600)
            }
            return ticks
        }
        let days = Int((span / 86_400).rounded(.up))
        let every = max(1, (days + 7) / 8)
        var ticks: [(Date, String)] = []
        var day = calendar.startOfDay(for: start)
        var index = 0
        while day < end {
            if day >= start, index % every == 0 {
                ticks.append((day, DateText.day(LocalDate(containing: day, in: timeZone))))
            }
            index += 1
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return ticks
    }
}
