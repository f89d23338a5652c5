import Logging
import Postgres
import Synchronization

/// Every metric's inputs held in memory in 15-minute UTC buckets, built once from the warehouse and
/// then refreshed bucket by bucket as loads commit, so the dashboard answers any range in any zone
/// exactly, in milliseconds, without scanning raw events.
///
/// One background worker builds and refreshes; readers take the current immutable snapshot and
/// never wait for it, except a request for a data version the index has not reached yet, which
/// waits for the refresh up to `Configuration.refreshWait` (and is answered by SQL after that).
public final class MetricsIndex: Sendable {
    /// Timing knobs; the defaults suit the dashboard.
    public struct Configuration: Sendable {
        /// How often the index looks for a newer data version in the background, so the first
        /// request after a load usually finds it refreshed already. Default 1 s.
        public var pollInterval: Duration = .seconds(1)
        /// How long a request for a newer version waits for the refresh before SQL answers it. Default 2 s.
        public var refreshWait: Duration = .seconds(2)
        /// More changed buckets than this are reloaded by a full build in the background, not
        /// bucket by bucket while requests wait. Default 2,880 (30 days).
        public var maxChangedBuckets = 2_880
        /// How long after a refresh the days it touched are summed again. Until then requests read
        /// those days bucket by bucket (exact, a little slower); the delay keeps the summing off the
        /// CPU the first requests after a load need. Default 0.5 s.
        public var daySummingDelay: Duration = .milliseconds(500)

        public init() {}
    }

    /// The worker's state, shared with readers (short critical sections only).
    struct State {
        var snapshot: MetricsSnapshot?
        var isWorking = false
        var wantsFullBuild = true
        var wantsRefresh = false
        /// When the days a refresh left pending are to be summed (nil: none pending).
        var daysDue: ContinuousClock.Instant?
        /// The newest data version a request asked for.
        var wantedVersion: Int64 = -1
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        var pollTask: Task<Void, Never>?
        var statistics: MetricsIndexStatistics?
        var failures = 0
        var retryAt: ContinuousClock.Instant?
    }

    let pool: PostgresPool
    let logger: Logger
    let configuration: Configuration
    let state = Mutex(State())
    /// The mutable side, used only by the worker (one job at a time), on a database thread.
    let builder = Mutex<IndexBuilder?>(nil)

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
        self.configuration = Configuration()
    }

    public init(pool: PostgresPool, logger: Logger, configuration: Configuration) {
        self.pool = pool
        self.logger = logger
        self.configuration = configuration
    }

    deinit {
        state.withLock { $0.pollTask?.cancel() }
    }

    /// Starts the full build in the background (idempotent); serve calls it at start-up. Also
    /// starts watching the data version, so loads are picked up before the next request.
    public func warmUp() {
        let interval = configuration.pollInterval
        kick(refresh: false)
        state.withLock { state in
            guard state.pollTask == nil else { return }
            state.pollTask = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    self?.kick(refresh: true)
                }
            }
        }
    }

    /// True once a full build finished.
    public var isReady: Bool { state.withLock { $0.snapshot != nil } }

    /// Sizes and timings of the current index; nil before the first build.
    public var statistics: MetricsIndexStatistics? { state.withLock { $0.statistics } }

    /// Waits until the first build finished (true) or failed (false), at most `timeout`; warms up first.
    public func waitUntilReady(timeout: Duration = .seconds(600)) async -> Bool {
        warmUp()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            let (ready, working) = state.withLock { ($0.snapshot != nil, $0.isWorking) }
            if ready { return true }
            if !working { return false }
            await waitForWorker(atMost: deadline - clock.now) { $0.snapshot != nil }
        }
        return isReady
    }

    /// A snapshot at `dataVersion` or newer (refreshing changed buckets first), or nil while not
    /// ready or when the refresh takes longer than `refreshWait`. An older `dataVersion` gets the
    /// current snapshot. Use the snapshot's own `dataVersion` for anything keyed by version.
    func snapshot(at dataVersion: Int64) async throws(AnalyticsError) -> MetricsSnapshot? {
        enum Decision { case answer(MetricsSnapshot?), wait }
        var startWorker = false
        let decision = state.withLock { state -> Decision in
            if let snapshot = state.snapshot, snapshot.dataVersion >= dataVersion { return .answer(snapshot) }
            // Not built yet: SQL answers; only `warmUp` starts the build.
            if state.snapshot == nil { return .answer(nil) }
            state.wantedVersion = max(state.wantedVersion, dataVersion)
            startWorker = claimWorker(&state)
            return state.isWorking ? .wait : .answer(nil)
        }
        if startWorker { startWork() }
        guard case .wait = decision else {
            if case .answer(let snapshot) = decision { return snapshot }
            return nil
        }
        await waitForWorker(atMost: configuration.refreshWait) { state in
            (state.snapshot?.dataVersion ?? -1) >= dataVersion
        }
        return state.withLock { state in
            state.snapshot.flatMap { $0.dataVersion >= dataVersion ? $0 : nil }
        }
    }

    /// Asks the worker to run (a refresh when `refresh`), starting it unless it runs or backs off.
    func kick(refresh: Bool) {
        let start = state.withLock { state -> Bool in
            if refresh { state.wantsRefresh = true }
            return claimWorker(&state)
        }
        if start { startWork() }
    }

    /// Marks the worker as running when it is idle and not backing off after a failure.
    private func claimWorker(_ state: inout State) -> Bool {
        guard !state.isWorking else { return false }
        if let retryAt = state.retryAt, ContinuousClock().now < retryAt { return false }
        guard state.snapshot == nil || state.wantsFullBuild || state.wantsRefresh
            || state.wantedVersion > (state.snapshot?.dataVersion ?? -1)
            || state.daysDue.map({ $0 <= ContinuousClock().now }) == true else { return false }
        state.isWorking = true
        return true
    }

    private func startWork() {
        Task { await self.work() }
    }

    /// Suspends until the worker publishes a state satisfying `isDone`, stops, or `limit` passes.
    func waitForWorker(atMost limit: Duration, until isDone: @escaping @Sendable (State) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id = state.withLock { state -> UInt64? in
                guard state.isWorking, !isDone(state) else { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let id else { return continuation.resume() }
            Task { [weak self] in
                try? await Task.sleep(for: limit)
                self?.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }
    }
}
