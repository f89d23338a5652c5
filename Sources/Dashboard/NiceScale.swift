import Foundation

/// An axis from 0 to a round maximum, with ticks on 1-2-5 steps (0, 50, 100 … or 0, 2k, 4k …).
struct NiceScale: Sendable, Equatable {
    let maximum: Double
    let step: Double
    let ticks: [Double]

    /// A scale covering `0...max(dataMaximum, 1)` with about `targetTicks` intervals.
    init(dataMaximum: Double, targetTicks: Int = 4) {
        let top = dataMaximum.isFinite ? max(dataMaximum, 1) : 1
        // Whole events only: a 0.5 step on a count axis reads as nonsense.
        let step = max(Self.niceStep(top / Double(max(1, targetTicks))), 1)
        let maximum = (top / step).rounded(.up) * step
        self.maximum = maximum
        self.step = step
        self.ticks = (0...Int((maximum / step).rounded())).map { Double($0) * step }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ not below `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}
