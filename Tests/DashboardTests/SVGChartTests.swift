@testable import Dashboard
import Testing

@Suite("SVG builder and charts")
struct SVGChartTests {
    @Test("text and attribute values are escaped")
    func escapesTextAndAttributes() {
        let element = SVGElement("text", [("data-x", "\"><script>alert(1)</script>")], text: "<b>Tom & 'Jerry'</b>")
        let markup = element.render()
        #expect(markup == "<text data-x=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</text>")
    }

    @Test("control characters are dropped, since XML cannot hold them")
    func dropsControlCharacters() {
        #expect(SVGEscape.escape("a\u{0}b\u{7}c\nd") == "abc\nd")
    }

    @Test("a bar chart has role=img, an accessible name and a <title> on every bar")
    func barChartAccessibility() {
        let bars = [("<script>alert(1)</script>", 30), ("AULA", 20), ("Logitech", 5)].map { label, value in
            BarChart.Bar(label: label, value: value, valueText: NumberFormat.integer(value),
                         tooltip: "\(label): \(value) events", link: "/sbw_dashboard?brand=\(label)")
        }
        let svg = BarChart(id: "chart-brands", title: "Top brands", summary: "3 brands", valueName: "events", bars: bars)
            .render().description
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Top brands\""))
        #expect(svg.contains("viewBox=\"0 0 480 "))
        // one <title> for the chart plus one per bar
        #expect(svg.components(separatedBy: "<title").count - 1 == 1 + bars.count)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;: 30 events"))
        #expect(svg.contains("href=\"/sbw_dashboard?brand=&lt;script&gt;"))
    }

    @Test("a time series has a <title> per point, axis ticks and a description")
    func timeSeriesPoints() {
        let points = (0..<7).map { TimeSeriesChart.Point(axisLabel: "\($0 + 1) Dec", tooltipLabel: "\($0 + 1) Dec 2025", value: $0 * 1_000) }
        let svg = TimeSeriesChart(id: "ts", title: "Events per day", summary: "21,000 events", valueName: "events", points: points)
            .render().description
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<desc id=\"ts-desc\">21,000 events</desc>"))
        #expect(svg.contains("<title>7 Dec 2025: 6,000 events</title>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.contains(">6,000</text>"))
        #expect(svg.contains("class=\"line\""))
    }

    @Test("axis ticks use 1-2-5 steps and cover the maximum", arguments: [
        (0.0, 1.0, [0.0, 1.0]), (7.0, 2.0, [0, 2, 4, 6, 8]), (95.0, 50.0, [0, 50, 100]),
        (1_234.0, 500.0, [0, 500, 1_000, 1_500]), (60_000.0, 20_000.0, [0, 20_000, 40_000, 60_000]),
    ])
    func niceTicks(maximum: Double, step: Double, ticks: [Double]) {
        let scale = NiceScale(dataMaximum: maximum)
        #expect(scale.step == step)
        #expect(scale.ticks == ticks)
        #expect(scale.maximum >= maximum)
    }

    @Test("numbers get thousands separators without depending on the locale")
    func numberFormatting() {
        #expect(NumberFormat.integer(0) == "0")
        #expect(NumberFormat.integer(1_234_567) == "1,234,567")
        #expect(NumberFormat.integer(-1_000) == "-1,000")
        #expect(NumberFormat.decimal(1_234.56, fractionDigits: 1) == "1,234.6")
        #expect(NumberFormat.percent(0.1234) == "12.3%")
        #expect(NumberFormat.decimalText("1990000") == "1,990,000")
        #expect(NumberFormat.decimalText("19.90") == "19.9")
        #expect(NumberFormat.decimalText("12345678901234567890.5") == "12,345,678,901,234,567,890.5")
        #expect(NumberFormat.compact(1_500_000) == "1.5M")
    }
}

@Suite("Time series future buckets")
struct TimeSeriesFutureTests {
    @Test("buckets after now stay on the axis but are not drawn as zeros")
    func futureBucketsAreNotZeros() {
        var points = (0..<4).map { TimeSeriesChart.Point(axisLabel: "\($0):00", tooltipLabel: "h\($0)", value: 10) }
        points[3].isFuture = true
        let svg = TimeSeriesChart(id: "ts", title: "t", summary: "s", valueName: "events", points: points).render().description
        #expect(svg.contains("<title>h3: not yet</title>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(!svg.contains("<title>h3: 10 events</title>"))
    }
}
