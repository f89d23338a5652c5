import Synchronization

/// The funnel steps, read from `event_funnel_steps` on first use and kept: the mapping is
/// configuration, written by migrations, so re-reading it on every request would only cost time.
/// Shared by every copy of an `Analytics` value.
final class FunnelStepCache: Sendable {
    private let steps = Mutex<[FunnelStepDefinition]?>(nil)

    var cached: [FunnelStepDefinition]? { steps.withLock { $0 } }

    func store(_ definitions: [FunnelStepDefinition]) {
        steps.withLock { $0 = definitions }
    }
}
