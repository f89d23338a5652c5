import Foundation

/// Fast uuid text both ways: `UUID(uuidString:)` plus `uuidString.lowercased()` cost several
/// allocations per event, and every loaded event needs one parse and one format.
enum UUIDText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase.
    static func lowercased(_ id: UUID) -> String {
        let u = id.uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(0x2D) }
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A uuid from 36 characters with dashes at 8, 13, 18, 23, or 32 hex digits; any case; nil otherwise.
    static func parse(_ text: String) -> UUID? {
        let count = text.utf8.count
        guard count == 36 || count == 32 else { return nil }
        let hasDashes = count == 36
        var value: [UInt8] = []
        value.reserveCapacity(16)
        var pending: UInt8 = 0
        var isHigh = true
        for (offset, byte) in text.utf8.enumerated() {
            if hasDashes, offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == 0x2D else { return nil }
                continue
            }
            guard let digit = nibble(byte) else { return nil }
            if isHigh {
                pending = digit << 4
            } else {
                value.append(pending | digit)
            }
            isHigh.toggle()
        }
        guard value.count == 16 else { return nil }
        return UUID(uuid: (value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7],
                           value[8], value[9], value[10], value[11], value[12], value[13], value[14], value[15]))
    }

    /// True for the all-zero uuid, which no event may carry.
    static func isNil(_ id: UUID) -> Bool {
        let u = id.uuid
        return [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15].allSatisfy { $0 == 0 }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
