import Analytics
import Foundation

/// Turns filters and Analytics results into the page's view model: all formatting happens here.
struct PageModelBuilder: Sendable {
    let productName: String
    let links = DashboardLinks()
    /// Zones offered in the form's suggestions, the configured default first.
    let timeZones: [String]

    /// Login states always offered, whatever the current range holds.
    static let commonLoginStates = ["logged_in", "anonymous", Filters.unknownLoginState]

    /// The full page for valid filters.
    func page(_ filters: Filters, _ data: DashboardData, now: Date) -> DashboardPage {
        let isEmptyWarehouse = data.status.isEmpty
        let latest = data.status.latestEvent.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
        return DashboardPage(
            productName: productName,
            pageTitle: "\(productName) · \(DateText.range(filters))",
            stylesheetURL: links.stylesheet, faviconURL: links.favicon, homeURL: DashboardLinks.pagePath,
            form: form(filters, rawItems: filters.queryItems, error: nil, data: data),
            rangeLabel: "\(DateText.range(filters)) · \(filters.timeZoneName)",
            dataVersion: NumberFormat.integer(Int(data.status.dataVersion)),
            latestEvent: latest.map { DateText.local($0, in: filters.timeZone) } ?? "none yet",
            generatedAt: DateText.local(now, in: filters.timeZone),
            showData: !isEmptyWarehouse,
            isEmptyWarehouse: isEmptyWarehouse,
            isEmptyRange: !isEmptyWarehouse && (data.summary.events.current ?? 0) == 0,
            kpis: isEmptyWarehouse ? [] : kpis(data.summary, filters),
            timeSeries: isEmptyWarehouse ? [] : [timeSeriesPanel(data.timeSeries, filters, now: now)],
            breakdowns: isEmptyWarehouse ? [] : breakdownPanels(data, filters),
            events: isEmptyWarehouse ? [] : [eventTable(data.events, filters, isFirstPage: data.isFirstEventPage)],
            summaryJSONURL: links.api(.summary, filters))
    }

    /// The page for a rejected filter: the form, as typed, with the message next to it; no data.
    func invalidPage(rawItems: [(name: String, value: String)], error: FilterError, defaultZone: TimeZone, now: Date) -> DashboardPage {
        let fallback = (try? Filters(queryItems: [], rules: FilterRules(defaultTimeZone: defaultZone), now: now))
            ?? Filters(start: now, end: now, timeZone: defaultZone, fromText: "", toText: "")
        return DashboardPage(
            productName: productName, pageTitle: "\(productName) · check the filters",
            stylesheetURL: links.stylesheet, faviconURL: links.favicon, homeURL: DashboardLinks.pagePath,
            form: form(fallback, rawItems: rawItems, error: error, data: nil),
            rangeLabel: "", dataVersion: "", latestEvent: "", generatedAt: DateText.local(now, in: defaultZone),
            showData: false, isEmptyWarehouse: false, isEmptyRange: false,
            kpis: [], timeSeries: [], breakdowns: [], events: [], summaryJSONURL: "")
    }

    /// The form, filled with what the request said (so a typo can be fixed in place).
    func form(_ filters: Filters, rawItems: [(name: String, value: String)], error: FilterError?, data: DashboardData?) -> FilterForm {
        func raw(_ name: String) -> String? {
            rawItems.first { $0.name == name }?.value
        }
        let from = error == nil ? filters.fromText : raw("from") ?? ""
        let to = error == nil ? filters.toText : raw("to") ?? ""
        let isDateOnly = (from.isEmpty || LocalDate(from) != nil) && (to.isEmpty || LocalDate(to) != nil)
        let selectedState = error == nil ? filters.loginState : raw("login_state")
        var states = Self.commonLoginStates
        for label in (data?.loginStates.items.map(\.label) ?? []) + [selectedState].compactMap({ $0 })
        where !label.isEmpty && !states.contains(label) {
            states.append(label)
        }
        let stateOptions = [SelectOption(value: "", label: "All", isSelected: (selectedState ?? "").isEmpty)]
            + states.map { SelectOption(value: $0, label: $0, isSelected: $0 == selectedState) }
        var zones = timeZones
        if !zones.contains(filters.timeZoneName) { zones.insert(filters.timeZoneName, at: 0) }

        var hidden: [HiddenField] = []
        var active: [ActiveFilter] = []
        let dimensions: [(String, String?)] = [
            ("login_state", filters.loginState), ("event_name", filters.eventName),
            ("category", filters.category), ("brand", filters.brand),
        ]
        for case let (name, value?) in dimensions where error == nil {
            if name == "category" || name == "brand" { hidden.append(HiddenField(name: name, value: value)) }
            active.append(ActiveFilter(name: name.replacingOccurrences(of: "_", with: " "), value: value,
                                       removeURL: links.page(filters, changing: [name: nil])))
        }
        if error != nil {
            for name in ["category", "brand"] {
                if let value = raw(name), !value.isEmpty { hidden.append(HiddenField(name: name, value: value)) }
            }
        }
        return FilterForm(
            from: from, to: to, tz: error == nil ? filters.timeZoneName : raw("tz") ?? "",
            dateInputType: isDateOnly ? "date" : "text",
            loginStates: stateOptions,
            eventName: (error == nil ? filters.eventName : raw("event_name")) ?? "",
            eventNames: (data?.eventNames.items ?? []).map { Suggestion(value: $0.label) },
            timeZones: zones.map { Suggestion(value: $0) },
            hiddenFields: hidden, activeFilters: active, hasActiveFilters: !active.isEmpty,
            resetURL: DashboardLinks.pagePath,
            hasError: error != nil, errorParameter: error?.parameter ?? "", errorMessage: error?.message ?? "")
    }
}
