import Foundation

/// A uuid as two integers: hashing it is far cheaper than hashing `UUID` (which hashes 16 bytes one by one).
struct UUIDKey: Hashable {
    let high: UInt64
    let low: UInt64

    init(_ id: UUID) {
        let u = id.uuid
        high = UInt64(u.0) << 56 | UInt64(u.1) << 48 | UInt64(u.2) << 40 | UInt64(u.3) << 32
            | UInt64(u.4) << 24 | UInt64(u.5) << 16 | UInt64(u.6) << 8 | UInt64(u.7)
        low = UInt64(u.8) << 56 | UInt64(u.9) << 48 | UInt64(u.10) << 40 | UInt64(u.11) << 32
            | UInt64(u.12) << 24 | UInt64(u.13) << 16 | UInt64(u.14) << 8 | UInt64(u.15)
    }
}
