import Foundation
import Lake

/// Which listed objects a run considers: all of them, or those whose key's partition date lies in a range.
public struct ObjectSelection: Sendable {
    /// Partition start times admitted (UTC), from `LakeKeyLayout.partitionStart(of:)`; nil admits every key.
    public var partitions: Range<Date>?

    public init(partitions: Range<Date>? = nil) {
        self.partitions = partitions
    }

    /// Whole UTC days `from` through `to`, both included (`--from 2025-12-01 --to 2025-12-07`).
    public static func days(from: Date?, through to: Date?) -> ObjectSelection {
        guard from != nil || to != nil else { return ObjectSelection() }
        let start = from ?? Date(timeIntervalSince1970: 0)
        let end = to.map { $0.addingTimeInterval(86_400) } ?? Date.distantFuture
        return ObjectSelection(partitions: start..<max(start, end))
    }

    /// A key without a partition date is outside every range (it cannot be placed in one).
    func admits(_ key: String) -> Bool {
        guard let partitions else { return true }
        guard let start = LakeKeyLayout.partitionStart(of: key) else { return false }
        return partitions.contains(start)
    }
}
