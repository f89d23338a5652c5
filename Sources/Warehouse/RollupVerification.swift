import Foundation
import Money

/// What `EventRollups.verify` found: the rollups as the raw table implies them, and where the stored ones differ.
public struct RollupVerification: Sendable {
    /// One rollup row whose stored values differ from the raw table's (nil: no such row on that side).
    public struct Difference: Sendable, Equatable {
        public let bucket: Date
        public let eventName: String
        public let loginState: String
        public let category: String
        public let brand: String
        public let productID: String
        public let productName: String
        public let expected: Counts?
        public let stored: Counts?
    }

    /// A rollup row's sums.
    public struct Counts: Sendable, Equatable {
        public let events: Int64
        public let orderTotal: Amount
    }

    /// Rollup rows the raw table implies.
    public let rows: Int
    /// Distinct 15-minute buckets among them.
    public let buckets: Int
    /// Raw events they count (events without a timestamp are in no rollup).
    public let events: Int64
    /// Rollup rows that differ (missing, extra or with other values).
    public let differingRows: Int
    /// Distinct buckets among the differing rows.
    public let differingBuckets: Int
    /// The first differing rows by bucket and dimensions, at most the limit passed to `verify`.
    public let differences: [Difference]

    /// True when every stored rollup row equals its recomputation and none is missing or extra.
    public var matches: Bool { differingRows == 0 }
}
