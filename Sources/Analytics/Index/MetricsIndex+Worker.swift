import Logging
import Postgres

extension MetricsIndex {
    private enum Job {
        case fullBuild
        /// A refresh; the version requests wanted when it started.
        case refresh(wanted: Int64)
        /// Summing the days refreshes left pending, once nothing else is wanted.
        case sumDays
    }

    /// The background worker: full builds and refreshes, one at a time, until nothing is wanted.
    func work() async {
        while let job = nextJob() {
            do {
                switch job {
                case .fullBuild: try await fullBuild()
                case .refresh(let wanted): try await refresh(wanted: wanted)
                case .sumDays: sumPendingDays()
                }
                state.withLock { $0.failures = 0; $0.retryAt = nil }
            } catch {
                let delay = state.withLock { state -> Int in
                    state.failures += 1
                    let seconds = min(60, 1 << min(state.failures - 1, 6))
                    state.retryAt = ContinuousClock().now.advanced(by: .seconds(seconds))
                    state.isWorking = false
                    state.wantsRefresh = false
                    wakeWaiters(&state)
                    return seconds
                }
                logger.warning("metrics index update failed; answers come from SQL on the warehouse meanwhile", metadata: [
                    "index.error": "\(String(describing: error))", "index.retry_seconds": "\(delay)",
                ])
                return
            }
        }
    }

    /// The next job, or nil after marking the worker idle (and waking anyone still waiting).
    private func nextJob() -> Job? {
        state.withLock { state -> Job? in
            if state.snapshot == nil || state.wantsFullBuild { return .fullBuild }
            let version = state.snapshot?.dataVersion ?? -1
            if state.wantsRefresh || state.wantedVersion > version {
                state.wantsRefresh = false
                return .refresh(wanted: state.wantedVersion)
            }
            if let due = state.daysDue, due <= ContinuousClock().now {
                state.daysDue = nil
                return .sumDays
            }
            state.isWorking = false
            wakeWaiters(&state)
            return nil
        }
    }

    private func fullBuild() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let store = try await pool.withConnection { connection in
            try self.builder.withLock { builder -> (IndexStore, Int64, Int) in
                var fresh = IndexBuilder()
                try fresh.build(on: connection)
                let store = fresh.makeStore()
                let result = (store, fresh.dataVersion, fresh.builderByteCount)
                builder = fresh
                return result
            }
        }
        let seconds = Self.seconds(started.duration(to: clock.now))
        let statistics = Self.statistics(store.0, version: store.1, builderBytes: store.2, buildSeconds: seconds,
                                         refresh: nil)
        publish(MetricsSnapshot(dataVersion: store.1, store: store.0), statistics: statistics, fullBuild: true)
        logger.info("metrics index built", metadata: Self.metadata(statistics))
    }

    private func refresh(wanted: Int64) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let maxChangedBuckets = configuration.maxChangedBuckets
        let (outcome, store, version, builderBytes) = try await pool.withConnection { connection in
            try self.builder.withLock { builder -> (IndexBuilder.RefreshOutcome, IndexStore?, Int64, Int) in
                // A refresh that fails part-way has only grown the id dictionaries and lowered first
                // buckets with real rows of buckets it will reload next time: the builder stays usable.
                let outcome = try builder?.refresh(on: connection, maxChangedBuckets: maxChangedBuckets)
                    ?? .needsFullBuild(reason: "no index yet")
                let store: IndexStore? = if case .refreshed = outcome { builder?.makeStore() } else { nil }
                return (outcome, store, builder?.dataVersion ?? -1, builder?.builderByteCount ?? 0)
            }
        }
        switch outcome {
        case .unchanged:
            clampWanted(reached: version, wanted: wanted)
        case .needsFullBuild(let reason):
            logger.info("metrics index rebuilds in the background", metadata: ["index.reason": "\(reason)"])
            state.withLock { $0.wantsFullBuild = true }
        case .refreshed(let buckets, _):
            guard let store else { return }
            let seconds = Self.seconds(started.duration(to: clock.now))
            let buildSeconds = state.withLock { $0.statistics?.buildSeconds } ?? 0
            let statistics = Self.statistics(store, version: version, builderBytes: builderBytes,
                                             buildSeconds: buildSeconds, refresh: (seconds, buckets))
            publish(MetricsSnapshot(dataVersion: version, store: store), statistics: statistics, fullBuild: false)
            clampWanted(reached: version, wanted: wanted)
            logger.debug("metrics index refreshed", metadata: [
                "index.version": "\(version)", "index.buckets": "\(buckets)", "index.ms": "\(seconds * 1_000)",
            ])
            if !store.pendingDays.isEmpty { scheduleDaySumming() }
        }
    }

    /// Sums the pending days after `daySummingDelay`, unless a full build or refresh comes first
    /// (a refresh only adds pending days; a full build sums every day itself).
    private func scheduleDaySumming() {
        let delay = configuration.daySummingDelay
        state.withLock { $0.daysDue = ContinuousClock().now.advanced(by: delay) }
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            self?.kick(refresh: false)
        }
    }

    /// Sums the days refreshes left pending and publishes the same version with them: requests
    /// already answered from the buckets, this only makes the next ones cheaper.
    private func sumPendingDays() {
        let summed = builder.withLock { builder -> (IndexStore, Int64, Int)? in
            guard builder?.completePendingDays() == true, let builder else { return nil }
            return (builder.makeStore(), builder.dataVersion, builder.builderByteCount)
        }
        guard let (store, version, builderBytes) = summed else { return }
        let previous = state.withLock { $0.statistics }
        let refresh = previous?.refreshSeconds.map { ($0, previous?.refreshedBuckets ?? 0) }
        publish(MetricsSnapshot(dataVersion: version, store: store),
                statistics: Self.statistics(store, version: version, builderBytes: builderBytes,
                                            buildSeconds: previous?.buildSeconds ?? 0, refresh: refresh),
                fullBuild: false)
    }

    /// A request asked for a version the warehouse did not have when the refresh began (it cannot
    /// be ahead of the warehouse otherwise): forget it rather than refresh forever.
    private func clampWanted(reached version: Int64, wanted: Int64) {
        state.withLock { state in
            if state.wantedVersion == wanted, version < wanted { state.wantedVersion = version }
        }
    }

    private func publish(_ snapshot: MetricsSnapshot, statistics: MetricsIndexStatistics, fullBuild: Bool) {
        state.withLock { state in
            state.snapshot = snapshot
            state.statistics = statistics
            if fullBuild { state.wantsFullBuild = false }
            wakeWaiters(&state)
        }
    }

    /// Resumes every waiting request; each checks for itself whether it got what it waited for.
    private func wakeWaiters(_ state: inout State) {
        let waiters = state.waiters.values
        state.waiters = [:]
        for waiter in waiters { waiter.resume() }
    }

    private static func statistics(_ store: IndexStore, version: Int64, builderBytes: Int, buildSeconds: Double,
                                   refresh: (seconds: Double, buckets: Int)?) -> MetricsIndexStatistics {
        MetricsIndexStatistics(
            dataVersion: version, events: store.eventCount, buckets: store.buckets.count, clients: store.clientCount,
            sessions: store.sessionCount, loggedInUsers: store.userCount, bytes: store.byteCount + builderBytes,
            buildSeconds: buildSeconds, refreshSeconds: refresh?.seconds, refreshedBuckets: refresh?.buckets)
    }

    private static func metadata(_ statistics: MetricsIndexStatistics) -> Logger.Metadata {
        [
            "index.version": "\(statistics.dataVersion)", "index.events": "\(statistics.events)",
            "index.buckets": "\(statistics.buckets)", "index.clients": "\(statistics.clients)",
            "index.sessions": "\(statistics.sessions)", "index.bytes": "\(statistics.bytes)",
            "index.build_seconds": "\(statistics.buildSeconds)",
        ]
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
