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

    /// The page's sections, in order, for the navigation.
    static let sections = [
        SectionLink(id: "overview", title: "Overview"), SectionLink(id: "products", title: "Products"),
        SectionLink(id: "behaviour", title: "Behaviour"), SectionLink(id: "events", title: "Raw events"),
        SectionLink(id: "pipeline", title: "Pipeline"),
    ]

    /// The full page for valid filters. Each section is built from its own result: a failed one
    /// carries an inline error and the others are unaffected.
    func page(_ filters: Filters, _ data: DashboardData, now: Date, requestID: String) -> DashboardPage {
        let isEmptyWarehouse = data.status.isEmpty
        let zone = filters.timeZone
        let latest = data.status.latestEvent.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
        let complete = data.status.dataCompleteUpTo.flatMap { ISOTimestamp.parse($0, localZone: .gmt) }
        let eventsInRange = (try? data.summary.get().events.current) ?? nil
        let showEvents = !isEmptyWarehouse
        return DashboardPage(
            productName: productName,
            pageTitle: "\(productName) · \(DateText.range(filters))",
            stylesheetURL: links.stylesheet, faviconURL: links.favicon, homeURL: DashboardLinks.pagePath,
            form: form(filters, rawItems: filters.queryItems, error: nil, eventNames: (try? data.eventNames.get()) ?? nil,
                       loginStates: (try? data.loginStates.get()) ?? nil),
            rangeLabel: "\(DateText.range(filters)) · \(filters.timeZoneName)",
            dataVersion: NumberFormat.integer(Int(data.status.dataVersion)),
            latestEvent: latest.map { DateText.local($0, in: zone) } ?? "none yet",
            dataCompleteUpTo: complete.map { DateText.local($0, in: zone) } ?? "no load yet",
            generatedAt: DateText.local(now, in: zone),
            showData: true,
            isEmptyWarehouse: isEmptyWarehouse,
            isEmptyRange: !isEmptyWarehouse && eventsInRange == 0,
            sections: showEvents ? Self.sections : Self.sections.filter { $0.id == "pipeline" },
            overview: showEvents ? [overview(data, filters, requestID: requestID)] : [],
            products: showEvents ? [productsSection(data, filters, requestID: requestID)] : [],
            behaviour: showEvents ? [BehaviourSection(panels: behaviourPanels(data, filters, now: now, requestID: requestID))] : [],
            events: showEvents ? [eventTable(data.events, filters, scope: data.eventScope, isFirstPage: data.isFirstEventPage, requestID: requestID)] : [],
            pipeline: [pipelineSection(data.pipeline, filters, now: now, requestID: requestID)])
    }

    /// The page for a rejected filter: the form, as typed, with the message next to it; no data.
    func invalidPage(rawItems: [(name: String, value: String)], error: FilterError, defaultZone: TimeZone, now: Date) -> DashboardPage {
        let fallback = (try? Filters(queryItems: [], rules: FilterRules(defaultTimeZone: defaultZone), now: now))
            ?? Filters(start: now, end: now, timeZone: defaultZone, fromText: "", toText: "")
        return DashboardPage(
            productName: productName, pageTitle: "\(productName) · check the filters",
            stylesheetURL: links.stylesheet, faviconURL: links.favicon, homeURL: DashboardLinks.pagePath,
            form: form(fallback, rawItems: rawItems, error: error, eventNames: nil, loginStates: nil),
            rangeLabel: "", dataVersion: "", latestEvent: "", dataCompleteUpTo: "", generatedAt: DateText.local(now, in: defaultZone),
            showData: false, isEmptyWarehouse: false, isEmptyRange: false,
            sections: [], overview: [], products: [], behaviour: [], events: [], pipeline: [])
    }

    /// The form, filled with what the request said (so a typo can be fixed in place).
    func form(_ filters: Filters, rawItems: [(name: String, value: String)], error: FilterError?,
              eventNames: Breakdown?, loginStates: Breakdown?) -> FilterForm {
        func raw(_ name: String) -> String? {
            rawItems.first { $0.name == name }?.value
        }
        let from = error == nil ? filters.fromText : raw("from") ?? ""
        let to = error == nil ? filters.toText : raw("to") ?? ""
        let isDateOnly = (from.isEmpty || LocalDate(from) != nil) && (to.isEmpty || LocalDate(to) != nil)
        let selectedState = error == nil ? filters.loginState : raw("login_state")
        var states = Self.commonLoginStates
        for label in (loginStates?.items.map(\.label) ?? []) + [selectedState].compactMap({ $0 })
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
            eventNames: (eventNames?.items ?? []).map { Suggestion(value: $0.label) },
            timeZones: zones.map { Suggestion(value: $0) },
            hiddenFields: hidden, activeFilters: active, hasActiveFilters: !active.isEmpty,
            resetURL: DashboardLinks.pagePath,
            hasError: error != nil, errorParameter: error?.parameter ?? "", errorMessage: error?.message ?? "")
    }
}
