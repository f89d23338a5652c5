extension Array where Element == UInt8 {
    /// Appends `value` as an unsigned LEB128 varint (7 bits a byte, low bits first), the integer form of both
    /// Thrift's compact protocol and the RLE hybrid's run headers.
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }
}
