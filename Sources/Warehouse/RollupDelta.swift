import Postgres

/// The rollup rows a set of new events adds, gathered by the loader while it writes those events, so the
/// load transaction need not read its own rows back. Counts are summed here; order totals are passed on
/// one per event and summed by PostgreSQL (`numeric`, exact whatever their size or scale).
public struct RollupDelta: Sendable {
    /// A rollup row's key, exactly as `EventRollups.groupedSelect` derives it from an event.
    struct Key: Hashable, Sendable {
        var bucket: Int64
        var eventName: String
        var loginState: String
        var category: String
        var brand: String
        var productID: String
        var productName: String
    }

    private(set) var events: [Key: Int64] = [:]
    private(set) var orderTotals: [(key: Key, total: String)] = []

    /// The length of a rollup bucket; `date_bin('15 minutes', t, '2000-01-01 00:00:00+00')` in microseconds,
    /// whose origin is itself a multiple of 15 minutes after the Unix epoch.
    static let bucketMicroseconds: Int64 = 900_000_000

    public init() {}

    public var isEmpty: Bool { events.isEmpty }

    /// Counts one new event; `nil` text fields count as the rollups' defaults (`''`, login state `unknown`).
    public mutating func add(microsecondsSince1970 time: Int64, eventName: String?, loginState: String?,
                             category: String?, brand: String?, productID: String?, productName: String?,
                             orderTotal: String?) {
        let (quotient, remainder) = time.quotientAndRemainder(dividingBy: Self.bucketMicroseconds)
        let bucket = (remainder < 0 ? quotient - 1 : quotient) * Self.bucketMicroseconds
        let key = Key(bucket: bucket, eventName: eventName ?? "", loginState: loginState ?? "unknown",
                      category: category ?? "", brand: brand ?? "", productID: productID ?? "",
                      productName: productName ?? "")
        events[key, default: 0] += 1
        if let orderTotal { orderTotals.append((key, orderTotal)) }
    }

    /// Rows for `EventRollups.deltaTable`: one per key with its count, then one per order total (count 0).
    func write(into writer: inout PostgresCopyWriter) {
        for (key, count) in events {
            Self.write(key, events: count, orderTotal: nil, into: &writer)
        }
        for (key, total) in orderTotals {
            Self.write(key, events: 0, orderTotal: total, into: &writer)
        }
    }

    private static func write(_ key: Key, events: Int64, orderTotal: String?, into writer: inout PostgresCopyWriter) {
        writer.beginRow(fieldCount: 9)
        writer.writeTimestamp(microsecondsSince1970: key.bucket)
        writer.write(key.eventName)
        writer.write(key.loginState)
        writer.write(key.category)
        writer.write(key.brand)
        writer.write(key.productID)
        writer.write(key.productName)
        writer.writeInt64(events)
        writer.writeNumeric(orderTotal)
        writer.endRow()
    }
}
