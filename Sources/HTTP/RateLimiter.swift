import Foundation
import Synchronization

/// A token bucket per client address: `ratePerSecond` sustained, `burst` at once. Idle buckets are
/// forgotten, and the table is capped, so many addresses cannot exhaust memory. The collector limits
/// requests with it; access control limits failed sign-ins.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    public let ratePerSecond: Double
    public let burst: Double
    private let maxAddresses = 100_000
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, burst)
    }

    /// True when `address` may send one more request now (and it is counted).
    public func allow(_ address: String, now: Date = Date()) -> Bool {
        buckets.withLock { table in
            if table.count >= maxAddresses {
                table = table.filter { now.timeIntervalSince($0.value.updated) < 60 }
                if table.count >= maxAddresses { table.removeAll() }
            }
            var bucket = refilled(table[address], now: now)
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            table[address] = bucket
            return allowed
        }
    }

    /// Whole seconds until `address` may send again (at least 1), for `Retry-After`.
    public func retryAfterSeconds(_ address: String, now: Date = Date()) -> Int {
        let tokens = buckets.withLock { refilled($0[address], now: now).tokens }
        return max(1, Int(((1 - tokens) / ratePerSecond).rounded(.up)))
    }

    private func refilled(_ bucket: Bucket?, now: Date) -> Bucket {
        guard var bucket else { return Bucket(tokens: burst, updated: now) }
        bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * ratePerSecond)
        bucket.updated = now
        return bucket
    }
}
