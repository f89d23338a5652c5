import Analytics
import Foundation

extension PageModelBuilder {
    /// One KPI as the cards show it: where it is in the summary and how to write it.
    struct KPIDefinition: Sendable {
        let label: String
        let value: @Sendable (Summary) -> KPI
        let kind: Kind
        let note: String

        enum Kind: Sendable {
            case count, ratio, rate, amount
        }

        func format(_ value: Double?) -> String {
            guard let value else { return "—" }
            switch kind {
            case .count: return NumberFormat.integer(Int(value.rounded()))
            case .ratio: return NumberFormat.decimal(value, fractionDigits: 2)
            case .rate: return NumberFormat.percent(value)
            case .amount: return NumberFormat.amount(value)
            }
        }
    }

    /// The KPI row, in the order an admin reads it.
    static let kpiDefinitions: [KPIDefinition] = [
        KPIDefinition(label: "Events", value: { $0.events }, kind: .count, note: "All events matching the filters"),
        KPIDefinition(label: "Unique clients", value: { $0.uniqueClients }, kind: .count, note: "Distinct client_id"),
        KPIDefinition(label: "Logged-in users", value: { $0.loggedInUsers }, kind: .count, note: "Distinct user_id among logged_in events"),
        KPIDefinition(label: "Sessions", value: { $0.sessions }, kind: .count, note: "Distinct session_id"),
        KPIDefinition(label: "Events / session", value: { $0.eventsPerSession }, kind: .ratio, note: "Events divided by sessions"),
        KPIDefinition(label: "New clients", value: { $0.newClients }, kind: .count,
                      note: "Clients whose first event ever, in the whole warehouse, falls in the period"),
        KPIDefinition(label: "Checkout rate", value: { $0.checkoutRate }, kind: .rate,
                      note: "checkout_complete events divided by add_to_cart_click events"),
        KPIDefinition(label: "Conversion", value: { $0.conversion }, kind: .rate,
                      note: "Sessions that reached the funnel's last step, divided by all sessions"),
        KPIDefinition(label: "Revenue", value: { $0.revenue }, kind: .amount, note: "Sum of order_total over checkout_complete events"),
    ]

    /// The Overview: KPI cards with sparklines, or an inline error when the summary failed.
    func overview(_ data: DashboardData, _ filters: Filters, requestID: String) -> OverviewSection {
        let links = PanelLinks(self.links, .summary, filters)
        let summary: Summary
        switch data.summary {
        case .success(let value): summary = value
        case .failure(let failure):
            return OverviewSection(kpis: [], links: links, error: [PanelError(failure, requestID: requestID)], trendTable: [], trendError: [])
        }
        var trend: [KPITrend.Point] = []
        var trendError: [PanelError] = []
        switch data.trend {
        case .success(let points): trend = points
        case .failure(let failure) where !failure.isSkipped: trendError = [PanelError(failure, requestID: requestID)]
        case .failure: break
        }
        let period = DateText.periodLength(filters)
        let cards = Self.kpiDefinitions.enumerated().map { index, definition in
            card(definition, definition.value(summary), period, sparkline: sparkline(definition, trend, index: index))
        }
        return OverviewSection(kpis: cards, links: links, error: [], trendTable: trend.count > 1 ? [trendTable(trend)] : [],
                               trendError: trendError)
    }

    private func card(_ definition: KPIDefinition, _ kpi: KPI, _ period: String, sparkline: RenderedSVG?) -> KPICard {
        let change: String
        let trend: String
        switch (kpi.change, kpi.changeRatio) {
        case (nil, _):
            (change, trend) = ("—", "none")
        case (let difference?, _) where difference == 0:
            (change, trend) = ("0", "flat")
        case (let difference?, _) where definition.kind == .rate:
            (change, trend) = (NumberFormat.decimal(abs(difference) * 100, fractionDigits: 1) + " pp", difference > 0 ? "up" : "down")
        case (let difference?, let ratio?):
            (change, trend) = (NumberFormat.percent(abs(ratio)), difference > 0 ? "up" : "down")
        case (let difference?, nil):
            // The previous period had zero: a ratio would be infinite.
            (change, trend) = ("new", difference > 0 ? "up" : "down")
        }
        let arrow = ["up": "▲", "down": "▼", "flat": "■"][trend] ?? ""
        let current = definition.format(kpi.current)
        let previous = definition.format(kpi.previous)
        return KPICard(
            label: definition.label, value: current, previous: "vs \(previous) \(period)",
            change: change, trend: trend, arrow: arrow,
            trendText: ["up": "up", "down": "down", "flat": "unchanged"][trend] ?? "no comparison",
            note: "\(definition.note). \(current) now, \(previous) in the \(period).",
            sparkline: sparkline ?? .none, hasSparkline: sparkline != nil)
    }

    /// The KPI over the trend's periods; nil with fewer than two periods.
    private func sparkline(_ definition: KPIDefinition, _ trend: [KPITrend.Point], index: Int) -> RenderedSVG? {
        guard trend.count > 1 else { return nil }
        let points = trend.map { point in
            let value = definition.value(point.summary).current
            return Sparkline.Point(label: point.label, value: value, valueText: definition.format(value))
        }
        let first = points[0]
        let last = points[points.count - 1]
        var description = "\(definition.label) from \(first.valueText) (\(first.label)) to \(last.valueText) (\(last.label))"
        let defined = points.filter { $0.value != nil }
        if let peak = defined.max(by: { ($0.value ?? 0) < ($1.value ?? 0) }) {
            description += "; highest \(peak.valueText) (\(peak.label))"
        }
        return Sparkline(id: "spark-\(index)", title: "\(definition.label) by period", summary: description + ".", points: points).render()
    }

    /// The sparklines' numbers: one row per period, one column per KPI.
    private func trendTable(_ trend: [KPITrend.Point]) -> DataTable {
        let headers = [TableHeader(text: "Period", isNumber: false)]
            + Self.kpiDefinitions.map { TableHeader(text: $0.label, isNumber: true) }
        let rows = trend.map { point -> TableRow in
            let cells = Self.kpiDefinitions.map { definition -> TableCell in
                TableCell.number(definition.format(definition.value(point.summary).current))
            }
            return TableRow(label: point.label, cells: cells)
        }
        return DataTable(caption: "Key figures by period", headers: headers, rows: rows)
    }
}
