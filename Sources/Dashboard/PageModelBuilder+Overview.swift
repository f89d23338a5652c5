import Analytics
import Foundation

extension PageModelBuilder {
    /// One KPI as the cards show it: where it is in the summary and how to write it.
    struct KPIDefinition: Sendable {
        let label: String
        let kind: Kind
        let note: String
        /// The KPI's figures in a summary, written for this kind.
        let figures: @Sendable (Summary) -> Figures

        enum Kind: Sendable {
            case count, ratio, rate, amount
        }

        /// A KPI of `Summary`'s doubles.
        init(label: String, value: @escaping @Sendable (Summary) -> KPI, kind: Kind, note: String) {
            self.label = label
            self.kind = kind
            self.note = note
            figures = { Figures(value($0), kind) }
        }

        /// A sum of money, exact.
        init(label: String, amount: @escaping @Sendable (Summary) -> AmountKPI, note: String) {
            self.label = label
            kind = .amount
            self.note = note
            figures = { Figures(amount($0)) }
        }
    }

    /// One KPI's numbers as a card shows them.
    struct Figures: Sendable {
        /// What the sparkline draws: nil where undefined or beyond a double's range (the text is exact).
        let value: Double?
        let text: String
        let previousText: String
        /// -1, 0 or 1; nil without a previous value.
        let direction: Int?
        /// `12.3%`, `1.5 pp`, `new` (the previous period had zero), `—`.
        let changeText: String

        static let missing = "—"

        init(_ kpi: KPI, _ kind: KPIDefinition.Kind) {
            func format(_ value: Double?) -> String {
                guard let value else { return Self.missing }
                switch kind {
                case .count: return NumberFormat.integer(Int(value.rounded()))
                case .ratio: return NumberFormat.decimal(value, fractionDigits: 2)
                case .rate: return NumberFormat.percent(value)
                case .amount: return NumberFormat.decimal(value, fractionDigits: 2)
                }
            }
            value = kpi.current
            text = format(kpi.current)
            previousText = format(kpi.previous)
            direction = kpi.change.map { $0 == 0 ? 0 : ($0 > 0 ? 1 : -1) }
            switch (kpi.change, kpi.changeRatio) {
            case (nil, _): changeText = Self.missing
            case (0?, _): changeText = "0"
            case (let difference?, _) where kind == .rate: changeText = NumberFormat.decimal(abs(difference) * 100, fractionDigits: 1) + " pp"
            case (_, let ratio?): changeText = NumberFormat.percent(abs(ratio))
            case (_?, nil): changeText = "new"  // the previous period had zero: a ratio would be infinite
            }
        }

        init(_ kpi: AmountKPI) {
            value = kpi.current.map(\.doubleValue).flatMap { $0.isFinite ? $0 : nil }
            text = kpi.current.map(NumberFormat.amount) ?? Self.missing
            previousText = kpi.previous.map(NumberFormat.amount) ?? Self.missing
            direction = kpi.change.map(\.signum)
            switch (kpi.change, kpi.changeRatio) {
            case (nil, _): changeText = Self.missing
            case (let change?, _) where change.signum == 0: changeText = "0"
            case (_, let ratio?): changeText = NumberFormat.percent(abs(ratio))
            case (_?, nil): changeText = kpi.previous?.signum == 0 ? "new" : Self.missing
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
        KPIDefinition(label: "Revenue", amount: { $0.revenue }, note: "Sum of order_total over checkout_complete events"),
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
            card(definition, definition.figures(summary), period, sparkline: sparkline(definition, trend, index: index))
        }
        return OverviewSection(kpis: cards, links: links, error: [], trendTable: trend.count > 1 ? [trendTable(trend)] : [],
                               trendError: trendError)
    }

    private func card(_ definition: KPIDefinition, _ figures: Figures, _ period: String, sparkline: RenderedSVG?) -> KPICard {
        let trend = switch figures.direction {
        case nil: "none"
        case 0?: "flat"
        case let direction?: direction > 0 ? "up" : "down"
        }
        let arrow = ["up": "▲", "down": "▼", "flat": "■"][trend] ?? ""
        return KPICard(
            label: definition.label, value: figures.text, previous: "vs \(figures.previousText) \(period)",
            change: figures.changeText, trend: trend, arrow: arrow,
            trendText: ["up": "up", "down": "down", "flat": "unchanged"][trend] ?? "no comparison",
            note: "\(definition.note). \(figures.text) now, \(figures.previousText) in the \(period).",
            sparkline: sparkline ?? .none, hasSparkline: sparkline != nil)
    }

    /// The KPI over the trend's periods; nil with fewer than two periods.
    private func sparkline(_ definition: KPIDefinition, _ trend: [KPITrend.Point], index: Int) -> RenderedSVG? {
        guard trend.count > 1 else { return nil }
        let points = trend.map { point in
            let figures = definition.figures(point.summary)
            return Sparkline.Point(label: point.label, value: figures.value, valueText: figures.text)
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
                TableCell.number(definition.figures(point.summary).text)
            }
            return TableRow(label: point.label, cells: cells)
        }
        return DataTable(caption: "Key figures by period", headers: headers, rows: rows)
    }
}
