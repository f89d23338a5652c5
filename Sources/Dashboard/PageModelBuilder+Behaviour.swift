import Analytics
import Foundation

extension PageModelBuilder {
    /// Events over time, the event mix, login states, the funnel and the weekday × hour heatmap.
    func behaviourPanels(_ data: DashboardData, _ filters: Filters, now: Date, requestID: String) -> [ChartPanel] {
        [
            panel(data.timeSeries, id: "timeseries", title: "Events over time", metric: .timeseries, filters, requestID, isWide: true) {
                timeSeriesPanel($0, filters, now: now)
            },
            panel(data.eventNames, id: "event-names", title: "Event mix", metric: .eventNames, filters, requestID) {
                breakdownPanel($0, filters, id: "event-names", title: "Event mix", metric: .eventNames,
                               subtitle: "top 10 event types", filterName: "event_name")
            },
            panel(data.loginStates, id: "login-states", title: "Login states", metric: .loginStates, filters, requestID) {
                breakdownPanel($0, filters, id: "login-states", title: "Login states", metric: .loginStates,
                               subtitle: "events by user_login_state", filterName: "login_state", isCategorical: true)
            },
            panel(data.funnel, id: "funnel", title: "Purchase funnel", metric: .funnel, filters, requestID, isWide: true) {
                funnelPanel($0, filters)
            },
            panel(data.heatmap, id: "heatmap", title: "Weekday × hour", metric: .heatmap, filters, requestID, isWide: true) {
                heatmapPanel($0, filters)
            },
        ]
    }

    /// A panel from a loaded result, or the inline error of a failed one.
    func panel<T>(_ result: DashboardData.Loaded<T>, id: String, title: String, metric: APIMetric, _ filters: Filters,
                  _ requestID: String, isWide: Bool = false, _ build: (T) -> ChartPanel) -> ChartPanel {
        switch result {
        case .success(let value): return build(value)
        case .failure(let failure):
            return .failed(id: id, title: title, subtitle: "", links: PanelLinks(links, metric, filters),
                           error: PanelError(failure, requestID: requestID), isWide: isWide)
        }
    }

    /// The events-over-time card, with the exact counts in a collapsible table.
    /// The bucket still filling up (the one containing `now`) is marked "so far", so a short
    /// last bar is not mistaken for a drop.
    func timeSeriesPanel(_ series: TimeSeries, _ filters: Filters, now: Date) -> ChartPanel {
        let unit = series.granularity == .hour ? "hour" : "day"
        let starts = series.points.map { ISOTimestamp.parse($0.start, localZone: .gmt) }
        let points = series.points.enumerated().map { index, point in
            let text = DateText.bucket(point.label, granularity: series.granularity)
            let bucketEnd = index + 1 < starts.count ? starts[index + 1] : filters.end
            let isOpen = (starts[index].map { $0 <= now } ?? false) && (bucketEnd.map { now < $0 } ?? false)
            return TimeSeriesChart.Point(axisLabel: text.axis, tooltipLabel: text.tooltip + (isOpen ? " (so far)" : ""),
                                         value: point.events, isFuture: starts[index].map { $0 > now } ?? false)
        }
        let total = series.points.reduce(0) { $0 + $1.events }
        let peak = series.points.max { $0.events < $1.events }
        let peakText = peak.map { "; the busiest \(unit) was \(DateText.bucket($0.label, granularity: series.granularity).tooltip) with \(NumberFormat.integer($0.events))" } ?? ""
        let chart = TimeSeriesChart(
            id: "chart-timeseries", title: "Events per \(unit), \(DateText.range(filters)), \(series.timeZone)",
            summary: "\(NumberFormat.integer(total)) events in \(series.points.count) \(unit)s\(peakText).",
            valueName: "events", points: points)
        let table = DataTable(
            caption: "Events per \(unit)",
            headers: [TableHeader(text: unit == "hour" ? "Hour" : "Day", isNumber: false), TableHeader(text: "Events", isNumber: true)],
            rows: points.filter { !$0.isFuture }.map { TableRow(label: $0.tooltipLabel, cells: [.number(NumberFormat.integer($0.value))]) })
        return ChartPanel(
            id: "timeseries", title: "Events over time", subtitle: "per \(unit) · \(series.timeZone)",
            chart: total == 0 ? .none : chart.render(), hasData: total > 0,
            emptyMessage: "No events in this range.", links: PanelLinks(links, .timeseries, filters),
            footnote: "", hasFootnote: false, table: total > 0 ? [table] : [], error: [], isWide: true)
    }

    func breakdownPanel(_ breakdown: Breakdown, _ filters: Filters, id: String, title: String, metric: APIMetric,
                        subtitle: String, filterName: String, isCategorical: Bool = false) -> ChartPanel {
        let bars = breakdown.items.enumerated().map { index, item in
            BarChart.Bar(
                label: item.label, value: item.count,
                valueText: NumberFormat.integer(item.count),
                tooltip: "\(item.label): \(NumberFormat.integer(item.count)) events (\(NumberFormat.percent(item.share)))",
                link: links.page(filters, changing: [filterName: item.label]),
                colorIndex: isCategorical ? index : nil)
        }
        let listed = breakdown.items.prefix(3).map { "\($0.label) \(NumberFormat.integer($0.count))" }.joined(separator: ", ")
        let chart = BarChart(id: "chart-" + id, title: "\(title), \(DateText.range(filters))",
                             summary: "\(breakdown.items.count) shown of \(NumberFormat.integer(breakdown.total)) events: \(listed).",
                             valueName: "events", bars: bars)
        let others = breakdown.otherCount
        let table = DataTable(
            caption: title,
            headers: [TableHeader(text: "Label", isNumber: false), TableHeader(text: "Events", isNumber: true),
                      TableHeader(text: "Share", isNumber: true)],
            rows: breakdown.items.map {
                TableRow(label: $0.label, cells: [.number(NumberFormat.integer($0.count)), .number(NumberFormat.percent($0.share))])
            })
        return ChartPanel(
            id: id, title: title, subtitle: subtitle,
            chart: bars.isEmpty ? .none : chart.render(), hasData: !bars.isEmpty,
            emptyMessage: "Nothing to rank in this range.", links: PanelLinks(links, metric, filters),
            footnote: others > 0 ? "+ \(NumberFormat.integer(others)) events under other labels" : "",
            hasFootnote: others > 0, table: bars.isEmpty ? [] : [table], error: [], isWide: false)
    }

    /// Sessions through the funnel, each step with its conversion from the previous and the first.
    func funnelPanel(_ funnel: Funnel, _ filters: Filters) -> ChartPanel {
        let steps = funnel.steps.map { step in
            let previous = step.fromPrevious.map { NumberFormat.percent($0) } ?? "—"
            let first = step.fromFirst.map { NumberFormat.percent($0) } ?? "—"
            return FunnelChart.Step(
                label: Self.stepName(step.step), sessions: step.sessions,
                valueText: NumberFormat.integer(step.sessions),
                conversionText: step.order == 1 ? "" : "\(previous) of the previous step · \(first) of the first",
                tooltip: "\(Self.stepName(step.step)): \(NumberFormat.integer(step.sessions)) sessions"
                    + (step.order == 1 ? "" : " (\(previous) of the previous step, \(first) of the first)"))
        }
        let hasData = funnel.steps.contains { $0.sessions > 0 }
        let last = funnel.steps.last
        let summary = funnel.steps.map { "\(Self.stepName($0.step)) \(NumberFormat.integer($0.sessions))" }.joined(separator: ", ")
            + (last?.fromFirst.map { "; \(NumberFormat.percent($0)) of the sessions that viewed a product completed a checkout" } ?? "")
        let chart = FunnelChart(id: "chart-funnel", title: "Purchase funnel by sessions, \(DateText.range(filters))",
                                summary: summary + ".", steps: steps)
        let table = DataTable(
            caption: "Sessions per funnel step",
            headers: [TableHeader(text: "Step", isNumber: false), TableHeader(text: "Sessions", isNumber: true),
                      TableHeader(text: "Of previous", isNumber: true), TableHeader(text: "Of first", isNumber: true)],
            rows: funnel.steps.map { step in
                TableRow(label: Self.stepName(step.step), cells: [
                    .number(NumberFormat.integer(step.sessions)),
                    .number(step.fromPrevious.map { NumberFormat.percent($0) } ?? "—"),
                    .number(step.fromFirst.map { NumberFormat.percent($0) } ?? "—"),
                ])
            })
        return ChartPanel(
            id: "funnel", title: "Purchase funnel", subtitle: "sessions reaching each step",
            chart: hasData ? chart.render() : .none, hasData: hasData,
            emptyMessage: "No session reached the funnel in this range.", links: PanelLinks(links, .funnel, filters),
            footnote: "A session reaches a step when it has events of that step and of every step before it.",
            hasFootnote: hasData, table: hasData ? [table] : [], error: [], isWide: true)
    }

    /// `add_to_cart` → `Add to cart`.
    static func stepName(_ step: String) -> String {
        let words = step.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Events by local weekday and hour.
    func heatmapPanel(_ heatmap: Heatmap, _ filters: Filters) -> ChartPanel {
        let total = heatmap.cells.reduce(0) { $0 + $1.events }
        let busiest = heatmap.cells.max { $0.events < $1.events }
        let busiestText = busiest.map {
            "; the busiest hour of the week is \(HeatmapChart.weekdays[max(0, min(6, $0.weekday - 1))]) \(HeatmapChart.clock($0.hour)) with \(NumberFormat.integer($0.events))"
        } ?? ""
        let chart = HeatmapChart(id: "chart-heatmap", title: "Events by weekday and hour, \(heatmap.timeZone)",
                                 summary: "\(NumberFormat.integer(total)) events\(busiestText).", cells: heatmap.cells)
        let table = DataTable(
            caption: "Events by weekday (rows) and hour (columns), \(heatmap.timeZone)",
            headers: [TableHeader(text: "Day", isNumber: false)] + (0..<24).map { TableHeader(text: String($0), isNumber: true) },
            rows: HeatmapChart.weekdays.enumerated().map { row, name in
                TableRow(label: name, cells: (0..<24).map { .number(NumberFormat.integer(chart.counts[row * 24 + $0])) })
            })
        return ChartPanel(
            id: "heatmap", title: "Weekday × hour", subtitle: "events · \(heatmap.timeZone)",
            chart: total > 0 ? chart.render() : .none, hasData: total > 0,
            emptyMessage: "No events in this range.", links: PanelLinks(links, .heatmap, filters),
            footnote: "", hasFootnote: false, table: total > 0 ? [table] : [], error: [], isWide: true)
    }
}
