import Analytics
import Foundation
import Money

/// The summary on the wire: its KPIs under their JSON keys and CSV row names (one list for both), and
/// its JSON, written here rather than by `JSONEncoder`: revenue is an exact decimal of any length
/// (`1e400` is 401 digits), which `JSONEncoder` can only write through a `Double` (rounded, or an
/// error past 10^308) or Foundation's `Decimal` (38 digits). It is written as a JSON number literal
/// with every digit; NaN or an infinity (only writable by hand) as `null`.
enum SummaryWire {
    /// The KPIs of doubles, in the cards' order.
    static let numbers: [(name: String, kpi: @Sendable (Summary) -> KPI)] = [
        ("events", { $0.events }), ("unique_clients", { $0.uniqueClients }),
        ("logged_in_users", { $0.loggedInUsers }), ("sessions", { $0.sessions }),
        ("events_per_session", { $0.eventsPerSession }), ("new_clients", { $0.newClients }),
        ("checkout_rate", { $0.checkoutRate }), ("conversion", { $0.conversion }),
        ("checkouts", { $0.checkouts }), ("add_to_carts", { $0.addToCarts }),
    ]
    static let revenue = "revenue"

    /// `metric,current,previous,change,change_ratio`, one row per KPI, revenue's amounts as exact decimals.
    static func table(_ summary: Summary) -> CSVTable {
        var table = CSVTable(header: ["metric", "current", "previous", "change", "change_ratio"])
        for (name, kpi) in numbers {
            let kpi = kpi(summary)
            table.append([.text(name), .number(kpi.current), .number(kpi.previous), .number(kpi.change), .number(kpi.changeRatio)])
        }
        let revenue = summary.revenue
        table.append([.text(Self.revenue), .decimal(revenue.current?.description), .decimal(revenue.previous?.description),
                      .decimal(revenue.change?.description), .number(revenue.changeRatio)])
        return table
    }

    /// The summary object with sorted keys, as `encoder` (sorted keys, no spaces) writes everything else.
    static func json(_ summary: Summary, _ encoder: JSONEncoder) throws -> [UInt8] {
        var members: [(String, [UInt8])] = try numbers.map { ($0.name, Array(try encoder.encode($0.kpi(summary)))) }
        let revenue = summary.revenue
        members.append((Self.revenue, object([
            ("change", literal(revenue.change)), ("change_ratio", Array(try encoder.encode(revenue.changeRatio))),
            ("current", literal(revenue.current)), ("previous", literal(revenue.previous)),
        ])))
        return object(members.sorted { $0.0 < $1.0 })
    }

    /// `{"key":value,…}` from keys that need no escaping and values already JSON.
    private static func object(_ members: [(String, [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += Array("\"\(key)\":".utf8) + value
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// An amount as a JSON number with every digit (plain notation, so always valid JSON), or `null`.
    private static func literal(_ amount: Amount?) -> [UInt8] {
        guard let amount, amount.isFinite else { return Array("null".utf8) }
        return Array(amount.description.utf8)
    }

}
