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
    static func parse(_ text: String) -> UUID? { parse(text.utf8) }

    /// A uuid from UTF-8 text, read in place (no String, no array): this runs for every event's id.
    static func parse<Text: Collection<UInt8>>(_ utf8: Text) -> UUID? {
        let count = utf8.count
        guard count == 36 || count == 32 else { return nil }
        let hasDashes = count == 36
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let isValid = withUnsafeMutableBytes(of: &value) { output -> Bool in
            var filled = 0, pending: UInt8 = 0, isHigh = true
            for (offset, byte) in utf8.enumerated() {
                if hasDashes, offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard byte == 0x2D else { return false }
                    continue
                }
                guard let digit = nibble(byte) else { return false }
                if isHigh {
                    pending = digit << 4
                } else {
                    // 32 hex digits make exactly 16 bytes: the dash positions were checked above.
                    output[filled] = pending | digit
                    filled += 1
                }
                isHigh.toggle()
            }
            return filled == 16
        }
        return isValid ? UUID(uuid: value) : nil
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
