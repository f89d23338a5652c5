/// Masks IP addresses in free text (a rejected record's excerpt, a reject's detail), so that what the
/// warehouse keeps about a record it could not load holds no client address either.
///
/// A candidate is a maximal run of hex digits, dots and colons that parses as an address (`IPAddress`); IPv6
/// candidates need two colons, so times (`05:15:30`) and version numbers (`131.0.6778.85`) stay.
public enum AddressScrubber {
    /// What an address is replaced with.
    public static let mask = "[ip]"

    public static func scrub(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = [], index = 0, changed = false
        output.reserveCapacity(utf8.count)
        while index < utf8.count {
            guard isCandidate(utf8[index]) else {
                output.append(utf8[index])
                index += 1
                continue
            }
            var end = index
            while end < utf8.count, isCandidate(utf8[end]) { end += 1 }
            // Trailing dots and colons may be the sentence's ("from 203.0.113.7:"), or the address's own ("1::").
            var addressEnd = end
            while addressEnd > index, !isAddress(utf8[index..<addressEnd]),
                  utf8[addressEnd - 1] == UInt8(ascii: ".") || utf8[addressEnd - 1] == UInt8(ascii: ":") {
                addressEnd -= 1
            }
            if addressEnd > index, isAddress(utf8[index..<addressEnd]) {
                output += Array(mask.utf8)
                output += utf8[addressEnd..<end]
                changed = true
            } else {
                output += utf8[index..<end]
            }
            index = end
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private static func isAddress(_ run: ArraySlice<UInt8>) -> Bool {
        let colons = run.lazy.filter { $0 == UInt8(ascii: ":") }.count
        guard colons >= 2 || (colons == 0 && run.contains(UInt8(ascii: "."))) else { return false }
        return IPAddress(String(decoding: run, as: UTF8.self)) != nil
    }

    private static func isCandidate(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default: false
        }
    }
}
