import Analytics
import Foundation
import Postgres

/// A seeded, deliberately awkward warehouse for comparing the metrics index with raw-table SQL:
/// three weeks of traffic across the autumn DST changes of London and New York plus a March cluster
/// for the spring ones, events on both sides of local midnight in +05:30, +05:45 and +07, renamed
/// products, NULL and empty dimensions, uppercase and non-UUID ids, and decimal order totals.
enum IndexFixture {
    /// splitmix64: small, fast and the same everywhere.
    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

        mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }
    }

    static let eventNames = ["product_view", "product_view", "product_view", "add_to_cart_click", "add_to_cart_click",
                             "checkout_start", "checkout_complete", "page_view", "page_view", "click", "ViewContent",
                             "AddToCart", "purchase", ""]
    static let loginStates: [String?] = ["logged_in", "logged_in", "anonymous", "anonymous", "guest", nil, "unknown"]
    /// (id, names it is sent with, category, brand); p3 was renamed, p7 has a tie between two names.
    static let products: [(id: String, names: [String?], category: String?, brand: String?)] = [
        ("p1", ["iPhone 16"], "Điện thoại", "Apple"),
        ("p2", ["Galaxy S24"], "Điện thoại", "Samsung"),
        ("p3", ["Zenbook 14", "Zenbook 14 OLED", "Zenbook 14 OLED"], "Laptop", "ASUS"),
        ("p4", ["MacBook Air"], "Laptop", "Apple"),
        ("p5", ["Tai nghe", nil, ""], "Phụ kiện", ""),
        ("p6", ["Cáp sạc"], "", "Anker"),
        ("p7", ["B-name", "A-name"], nil, nil),
        ("p8", ["<script>alert(1)</script>"], "Laptop", "Dell"),
        ("", ["ghost"], "Laptop", "Apple"),
    ]
    static let totals = ["1234567.89", "0.10", "19990000", "5370000.50", "12.345", "999999999.99"]

    /// The fixture rows, from `seed`.
    static func events(seed: UInt64, count: Int = 3_000) -> [EventFixture] {
        var random = Random(state: seed)
        let clients = (0..<120).map { index in
            index % 7 == 0 ? "client-\(index)" : index % 11 == 0 ? UUID().uuidString : UUID().uuidString.lowercased()
        }
        let users = (0..<15).map { "user-\($0)" }
        // 2025-10-13 00:00 UTC to 2025-11-03 00:00 UTC.
        let start = 1_760_313_600
        var rows: [EventFixture] = []
        var session = "s-0"
        var client = clients[0]
        for index in 0..<count {
            if index % 6 == 0 || random.chance(0.1) {
                session = random.chance(0.05) ? UUID().uuidString.lowercased() : "s-\(random.below(400))"
                // Later rows draw from more clients, so clients keep arriving (new clients in every range).
                client = clients[random.below(max(1, clients.count * (index + 1) / count))]
            }
            var second: Int
            switch random.below(10) {
            case 0:
                // Around local midnights: 17:00 (+07), 18:15 (+05:45), 18:30 (+05:30), 00:00 UTC.
                let day = start + random.below(21) * 86_400
                let edge = random.pick([17 * 3_600, 18 * 3_600 + 900, 18 * 3_600 + 1_800, 0, 23 * 3_600])
                second = day + edge + random.pick([-1, 0, 1, -60, 59, 899, 900])
            case 1:
                // Around the DST ends: London 2025-10-26 01:00 UTC, New York 2025-11-02 06:00 UTC.
                second = random.pick([1_761_440_400, 1_762_063_200]) + random.below(4 * 3_600) - 2 * 3_600
            case 2:
                // Around the spring changes: New York 2025-03-09 07:00 UTC, London 2025-03-30 01:00 UTC.
                second = random.pick([1_741_503_600, 1_743_296_400]) + random.below(4 * 3_600) - 2 * 3_600
            default:
                second = start + random.below(21 * 86_400)
            }
            let name = random.pick(eventNames)
            let login = random.pick(loginStates)
            var row = EventFixture(time: ISOTimestamp.string(Date(timeIntervalSince1970: Double(second) + Double(random.below(1_000)) / 1_000)),
                                   name: name, loginState: login)
            row.clientID = random.chance(0.03) ? nil : client
            row.sessionID = random.chance(0.03) ? nil : session
            if login == "logged_in" || random.chance(0.1) { row.userID = random.chance(0.05) ? nil : random.pick(users) }
            if name != "page_view", name != "checkout_complete", random.chance(0.9) {
                let product = random.pick(products)
                row.productID = product.id
                row.productName = random.pick(product.names)
                row.category = random.chance(0.05) ? "Laptop" : product.category
                row.brand = product.brand
            } else if random.chance(0.1) {
                row.category = "Laptop"
                row.brand = "Apple"
            }
            if name == "checkout_complete" || name == "purchase" { row.orderTotal = random.chance(0.15) ? nil : random.pick(totals) }
            rows.append(row)
        }
        return rows + firstInFirstBucket
    }

    /// Clients whose first event ever opens a range exactly: its first bucket in UTC and in Kolkata.
    static let firstInFirstBucket = [
        EventFixture(time: "2025-10-21T00:00:00Z", name: "page_view", clientID: "first-utc", sessionID: "s-first-utc"),
        EventFixture(time: "2025-10-20T18:30:00Z", name: "page_view", clientID: "first-kolkata", sessionID: "s-first-kol"),
        EventFixture(time: "2025-10-20T18:44:59Z", name: "product_view", clientID: "first-kolkata", sessionID: "s-first-kol",
                     productID: "p1", productName: "iPhone 16", category: "Điện thoại", brand: "Apple"),
    ]

    /// Rows `EventFixture` cannot express: NULL event names and NULL timestamps.
    static let oddRows = [
        SetupStatement("""
            INSERT INTO clickstream_events (event_id, event_timestamp, event_name, user_login_state, client_id, session_id)
            VALUES (gen_random_uuid(), '2025-10-20T12:00:00Z', NULL, 'anonymous', 'client-odd', 's-odd'),
                   (gen_random_uuid(), NULL, 'product_view', 'anonymous', 'client-0', 's-1'),
                   (gen_random_uuid(), '2025-10-21T18:29:59.999Z', NULL, NULL, NULL, NULL)
            """),
    ]
}
