import Analytics
@testable import Dashboard
import Foundation
import Testing

@Suite("Funnel, heatmap, sparkline and load charts")
struct ChartTests {
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the funnel draws a bar per step, a pale bar for the previous step and the step conversion")
    func funnel() {
        let steps = [("product_view", 1_000), ("add_to_cart", 400), ("checkout_start", 100), ("checkout_complete", 50)]
        let chart = FunnelChart(id: "f", title: "Funnel", summary: "s", steps: steps.enumerated().map { index, step in
            FunnelChart.Step(label: step.0, sessions: step.1, valueText: NumberFormat.integer(step.1),
                             conversionText: index == 0 ? "" : "x% of the previous step", tooltip: "\(step.0): \(step.1)")
        })
        let svg = chart.render().description
        #expect(svg.contains("role=\"img\""))
        #expect(Self.count("class=\"bar\"", in: svg) == 4)
        #expect(Self.count("class=\"ghost\"", in: svg) == 3)
        #expect(Self.count("class=\"note\"", in: svg) == 3)
        #expect(svg.contains(">1,000</text>"))
        // The first bar spans the plot (960 - 130 - 70 = 760); the second is 40% of it.
        #expect(svg.contains("class=\"bar\" x=\"130\" y=\"6\" width=\"760\""))
        #expect(svg.contains("width=\"304\""))
    }

    @Test("the heatmap has 168 cells with a <title> each, Monday first, and a legend of the ranges")
    func heatmap() {
        var cells: [HeatmapCell] = []
        for weekday in 1...7 { for hour in 0..<24 { cells.append(HeatmapCell(weekday: weekday, hour: hour, events: weekday == 2 && hour == 14 ? 10 : hour % 3)) } }
        let svg = HeatmapChart(id: "h", title: "Heatmap", summary: "s", cells: cells).render().description
        #expect(Self.count("<rect class=\"cell h", in: svg) == 168 + 6)
        #expect(svg.contains("<title>Tue 14:00–15:00: 10 events</title>"))
        #expect(svg.contains("<title>Mon 00:00–01:00: 0 events</title>"))
        #expect(svg.contains("<title>Sun 23:00–24:00: 2 events</title>"))
        #expect(svg.contains("class=\"cell h5\""))
        #expect(svg.contains(">9–10</text>"))  // the top step's range
        #expect(svg.contains(">events per hour of the week</text>"))
    }

    @Test("heatmap steps and legend ranges agree, also with fewer events than steps", arguments: [1, 3, 5, 7, 10, 1_234])
    func heatmapSteps(maximum: Int) {
        for value in 1...maximum {
            let step = HeatmapChart.step(value, maximum: maximum)
            let low = maximum * (step - 1) / HeatmapChart.steps + 1
            let high = maximum * step / HeatmapChart.steps
            #expect((low...high).contains(value), "value \(value) of \(maximum) in step \(step)")
        }
        #expect(HeatmapChart.step(0, maximum: maximum) == 0)
        #expect(HeatmapChart.step(maximum, maximum: maximum) == HeatmapChart.steps)
    }

    @Test("a sparkline breaks at undefined values and marks the last one")
    func sparkline() {
        let values: [Double?] = [1, 4, nil, 2, 3]
        let points = values.enumerated().map { Sparkline.Point(label: "d\($0.offset)", value: $0.element, valueText: $0.element.map { "\($0)" } ?? "—") }
        let svg = Sparkline(id: "s", title: "Sessions by period", summary: "from 1 to 3", points: points).render().description
        #expect(svg.hasPrefix("<svg class=\"spark\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<desc id=\"s-desc\">from 1 to 3</desc>"))
        let path = svg.components(separatedBy: "class=\"spark-line\" d=\"")[1].prefix { $0 != "\"" }
        #expect(Self.count("M", in: String(path)) == 2)
        #expect(Self.count("<circle", in: svg) == 1)
        #expect(svg.contains("<title>d2: —</title>"))
    }

    @Test("the load chart places columns by time and labels both panes")
    func loadColumns() {
        let start = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00Z
        let hours = [0, 5, 30].map { offset in
            LoadColumnsChart.Hour(start: start.addingTimeInterval(Double(offset) * 3_600), objects: 2, rows: 200, tooltip: "h\(offset)")
        }
        let svg = LoadColumnsChart(id: "l", title: "Loads", summary: "s", start: start, end: start.addingTimeInterval(2 * 86_400),
                                   timeZone: .gmt, hours: hours).render().description
        #expect(Self.count("<g class=\"point\">", in: svg) == 3)
        #expect(svg.contains(">objects per hour</text>"))
        #expect(svg.contains(">rows per hour</text>"))
        #expect(svg.contains("<title>h30</title>"))
        #expect(svg.contains(">1 Dec</text>"))
        #expect(svg.contains(">06:00</text>"))
    }
}
