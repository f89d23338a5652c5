import Analytics
import Foundation

extension PageModelBuilder {
    /// The KPI row, in the order an admin reads it.
    func kpis(_ summary: Summary, _ filters: Filters) -> [KPICard] {
        let period = DateText.periodLength(filters)
        let count = { (value: Double?) in value.map { NumberFormat.integer(Int($0)) } ?? "—" }
        let rate = { (value: Double?) in value.map { NumberFormat.percent($0) } ?? "—" }
        let amount = { (value: Double?) in value.map(NumberFormat.amount) ?? "—" }
        let checkoutNote = "\(count(summary.checkouts.current)) checkout_complete / \(count(summary.addToCarts.current)) add_to_cart_click"
        return [
            card("Events", summary.events, count, period, note: "All events matching the filters"),
            card("Unique clients", summary.uniqueClients, count, period, note: "Distinct client_id"),
            card("Logged-in users", summary.loggedInUsers, count, period, note: "Distinct user_id among logged_in events"),
            card("Sessions", summary.sessions, count, period, note: "Distinct session_id"),
            card("Checkout rate", summary.checkoutRate, rate, period, isRate: true, note: checkoutNote),
            card("Revenue", summary.revenue, amount, period, note: "Sum of order_total over checkout_complete events"),
        ]
    }

    private func card(_ label: String, _ kpi: KPI, _ format: (Double?) -> String, _ period: String,
                      isRate: Bool = false, note: String) -> KPICard {
        let change: String
        let trend: String
        switch (kpi.change, kpi.changeRatio) {
        case (nil, _):
            (change, trend) = ("—", "none")
        case (let difference?, _) where difference == 0:
            (change, trend) = ("0", "flat")
        case (let difference?, _) where isRate:
            (change, trend) = (NumberFormat.decimal(abs(difference) * 100, fractionDigits: 1) + " pp", difference > 0 ? "up" : "down")
        case (let difference?, let ratio?):
            (change, trend) = (NumberFormat.percent(abs(ratio)), difference > 0 ? "up" : "down")
        case (let difference?, nil):
            // The previous period had zero: a ratio would be infinite.
            (change, trend) = ("new", difference > 0 ? "up" : "down")
        }
        let arrow = ["up": "▲", "down": "▼", "flat": "■"][trend] ?? ""
        return KPICard(
            label: label, value: format(kpi.current), previous: "vs \(format(kpi.previous)) \(period)",
            change: change, trend: trend, arrow: arrow,
            trendText: ["up": "up", "down": "down", "flat": "unchanged"][trend] ?? "no comparison",
            note: "\(note). \(format(kpi.current)) now, \(format(kpi.previous)) in the \(period).")
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
        return ChartPanel(
            id: "timeseries", title: "Events over time",
            subtitle: "per \(unit) · \(series.timeZone)",
            chart: total == 0 ? .none : chart.render(), hasData: total > 0,
            emptyMessage: "No events in this range.",
            jsonURL: links.api(.timeseries, filters), footnote: "", hasFootnote: false,
            tableRows: points.filter { !$0.isFuture }.map { TableRow(label: $0.tooltipLabel, value: NumberFormat.integer($0.value)) },
            hasTable: total > 0)
    }

    /// Top event types, login states, categories and brands.
    func breakdownPanels(_ data: DashboardData, _ filters: Filters) -> [ChartPanel] {
        [
            breakdownPanel(data.eventNames, filters, id: "event-names", title: "Top event types", metric: .eventNames,
                           subtitle: "top 10 by events", filterName: "event_name"),
            breakdownPanel(data.loginStates, filters, id: "login-states", title: "Login states", metric: .loginStates,
                           subtitle: "events by user_login_state", filterName: "login_state", isCategorical: true),
            breakdownPanel(data.categories, filters, id: "categories", title: "Top categories", metric: .categories,
                           subtitle: "product events, top 10", filterName: "category"),
            breakdownPanel(data.brands, filters, id: "brands", title: "Top brands", metric: .brands,
                           subtitle: "product events, top 10", filterName: "brand"),
        ]
    }

    private func breakdownPanel(_ breakdown: Breakdown, _ filters: Filters, id: String, title: String, metric: APIMetric,
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
        return ChartPanel(
            id: id, title: title, subtitle: subtitle,
            chart: bars.isEmpty ? .none : chart.render(), hasData: !bars.isEmpty,
            emptyMessage: "Nothing to rank in this range.",
            jsonURL: links.api(metric, filters),
            footnote: others > 0 ? "+ \(NumberFormat.integer(others)) events under other labels" : "",
            hasFootnote: others > 0, tableRows: [], hasTable: false)
    }

    /// The raw events card.
    func eventTable(_ page: EventPage, _ filters: Filters, isFirstPage: Bool) -> EventTable {
        EventTable(
            rows: page.events.map(EventTableRow.init), hasRows: !page.events.isEmpty,
            timeZone: filters.timeZoneName,
            hasNewer: page.previousCursor != nil,
            newerURL: page.previousCursor.map { links.page(filters, cursor: $0) + "#events" } ?? "",
            hasOlder: page.nextCursor != nil,
            olderURL: page.nextCursor.map { links.page(filters, cursor: $0) + "#events" } ?? "",
            firstURL: links.page(filters) + "#events", isFirstPage: isFirstPage,
            jsonURL: links.api(.events, filters))
    }
}
