import Analytics
import Foundation

/// One metric's answer, whatever its type, so the API can wrap, tabulate and cache it uniformly.
enum MetricPayload: Sendable {
    case summary(Summary)
    case timeSeries(TimeSeries)
    case breakdown(Breakdown)
    case products(ProductBreakdown)
    case funnel(Funnel)
    case heatmap(Heatmap)
    case events(EventPage)
    case pipeline(PipelineHealth)

    /// The JSON envelope `{"meta": …, "data": …}` with sorted keys.
    func envelope(_ meta: APIMeta) throws -> [UInt8] {
        let encoder = DashboardApp.jsonEncoder()
        switch self {
        case .summary(let data):
            // Sorted keys: "data" before "meta", as the encoder orders the other envelopes.
            return Array(#"{"data":"#.utf8) + (try SummaryWire.json(data, encoder)) + Array(#","meta":"#.utf8)
                + Array(try encoder.encode(meta)) + [UInt8(ascii: "}")]
        case .timeSeries(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .breakdown(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .products(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .funnel(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .heatmap(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .events(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        case .pipeline(let data): return Array(try encoder.encode(APIEnvelope(meta: meta, data: data)))
        }
    }

    /// The data as one table (the CSV representation); nil for pipeline health, which is not one.
    var table: CSVTable? {
        switch self {
        case .summary(let summary): return SummaryWire.table(summary)
        case .timeSeries(let series):
            var table = CSVTable(header: ["start", "label", "events"])
            for point in series.points { table.append([.text(point.start), .text(point.label), .integer(point.events)]) }
            return table
        case .breakdown(let breakdown):
            var table = CSVTable(header: ["label", "count", "share"])
            for item in breakdown.items { table.append([.text(item.label), .integer(item.count), .number(item.share)]) }
            return table
        case .products(let products):
            var table = CSVTable(header: ["product_id", "name", "category", "brand", "views", "add_to_carts", "rate"])
            for row in products.items {
                table.append([.text(row.productID), .text(row.name), .text(row.category), .text(row.brand),
                              .integer(row.views), .integer(row.addToCarts), .number(row.rate)])
            }
            return table
        case .funnel(let funnel):
            var table = CSVTable(header: ["order", "step", "sessions", "from_previous", "from_first"])
            for step in funnel.steps {
                table.append([.integer(step.order), .text(step.step), .integer(step.sessions),
                              .number(step.fromPrevious), .number(step.fromFirst)])
            }
            return table
        case .heatmap(let heatmap):
            var table = CSVTable(header: ["weekday", "hour", "events"])
            for cell in heatmap.cells { table.append([.integer(cell.weekday), .integer(cell.hour), .integer(cell.events)]) }
            return table
        case .events(let page): return Self.table(page)
        case .pipeline: return nil
        }
    }

    /// The CSV header of `metric` (empty for pipeline health), for the OpenAPI description.
    static func emptyTableHeader(_ metric: APIMetric) -> [String] {
        let empty: MetricPayload? = switch metric {
        case .summary: .summary(Summary(events: .empty, uniqueClients: .empty, loggedInUsers: .empty, sessions: .empty,
                                        eventsPerSession: .empty, newClients: .empty, checkoutRate: .empty, conversion: .empty,
                                        checkouts: .empty, addToCarts: .empty, revenue: AmountKPI.empty))
        case .timeseries: .timeSeries(TimeSeries(granularity: .day, timeZone: "UTC", points: []))
        case .eventNames, .loginStates, .categories, .brands: .breakdown(Breakdown(items: [], total: 0))
        case .products: .products(ProductBreakdown(items: [], totalViews: 0, totalAddToCarts: 0))
        case .funnel: .funnel(Funnel(steps: []))
        case .heatmap: .heatmap(Heatmap(timeZone: "UTC", cells: []))
        case .events: .events(EventPage(events: [], nextCursor: nil, previousCursor: nil, pageSize: 0))
        case .pipeline: nil
        }
        return empty?.table?.header ?? []
    }

    /// One row per event with every field of the JSON record.
    private static func table(_ page: EventPage) -> CSVTable {
        var table = CSVTable(header: [
            "event_id", "event_timestamp", "local_time", "event_name", "user_login_state", "user_id", "client_id",
            "session_id", "product_id", "product_name", "product_category", "product_brand", "product_price",
            "order_total", "page_url",
        ])
        for event in page.events {
            table.append([
                .text(event.eventID), .text(event.timestamp), .text(event.localTime), .text(event.eventName),
                .text(event.loginState), .text(event.userID), .text(event.clientID), .text(event.sessionID),
                .text(event.productID), .text(event.productName), .text(event.category), .text(event.brand),
                .decimal(event.price), .decimal(event.orderTotal), .text(event.pageURL),
            ])
        }
        return table
    }
}

extension KPI {
    /// No values, for building empty payloads.
    static let empty = KPI(current: nil, previous: nil)
}
