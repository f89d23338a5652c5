import Foundation
import Synchronization

/// A token bucket per client address: `ratePerSecond` sustained, `burst` at once. Idle buckets are
/// forgotten, and the table is capped, so many addresses cannot exhaust memory.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let ratePerSecond: Double
    let burst: Double
    private let maxAddresses = 100_000
    private let buckets = Mutex<[String: Bucket]>([:])

    init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, burst)
    }

    /// True when `address` may send one more request now.
    func allow(_ address: String, now: Date = Date()) -> Bool {
        buckets.withLock { table in
            if table.count >= maxAddresses {
                table = table.filter { now.timeIntervalSince($0.value.updated) < 60 }
                if table.count >= maxAddresses { table.removeAll() }
            }
            var bucket = table[address] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * ratePerSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            table[address] = bucket
            return allowed
        }
    }
}
