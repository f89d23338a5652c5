import Synchronization

/// Requests the dashboard answered, by route and status, and their latency, for `/metrics`.
/// Route labels are the registered patterns, never raw paths, so the label set stays small.
final class RequestStatistics: Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct RouteStatus: Hashable, Sendable {
        let route: String
        let status: Int
    }

    /// One route's latency histogram: cumulative counts per bound are computed when written out.
    struct Histogram: Sendable {
        var counts = [Int](repeating: 0, count: RequestStatistics.bucketBounds.count + 1)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [RouteStatus: Int] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())

    init() {}

    func record(route: String, status: Int, seconds: Double) {
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 } ?? Self.bucketBounds.count
        state.withLock { state in
            state.requests[RouteStatus(route: route, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            histogram.counts[bucket] += 1
            histogram.sum += seconds
            histogram.count += 1
            state.latency[route] = histogram
        }
    }

    /// A consistent copy of every count.
    func snapshot() -> (requests: [RouteStatus: Int], latency: [String: Histogram]) {
        state.withLock { ($0.requests, $0.latency) }
    }
}
