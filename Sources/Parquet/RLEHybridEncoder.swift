/// The RLE / bit-packing hybrid of Parquet's Encodings.md, for definition levels and dictionary indices.
///
/// Runs of 8 or more equal values become RLE runs (header `count << 1`, then the value in
/// ceil(bitWidth / 8) little-endian bytes); everything else is bit-packed in groups of 8 values (header
/// `groups << 1 | 1`, then the values packed from the least significant bit of each byte up). A final group
/// is padded with zeros, which readers ignore: they know how many values a page holds.
public struct RLEHybridEncoder: Sendable {
    public let bitWidth: Int
    public private(set) var bytes: [UInt8] = []
    /// Values not yet written: a bit-packed stretch (always fewer than 8 past whole groups) and the run at its end.
    private var literals: [UInt32] = []
    private var runValue: UInt32 = 0
    private var runLength = 0

    public init(bitWidth: Int) {
        precondition((0...32).contains(bitWidth), "bit width \(bitWidth) outside 0...32")
        self.bitWidth = bitWidth
    }

    /// The fewest bits that hold every value up to `maxValue`.
    public static func bitWidth(forMaximum maxValue: UInt32) -> Int {
        maxValue == 0 ? 0 : 32 - maxValue.leadingZeroBitCount
    }

    public mutating func append(_ value: UInt32) {
        if runLength > 0, value == runValue {
            runLength += 1
            return
        }
        endRun()
        runValue = value
        runLength = 1
    }

    public mutating func append(_ value: UInt32, count: Int) {
        for _ in 0..<count { append(value) }
    }

    /// Writes what is pending and returns the encoded bytes.
    public mutating func finish() -> [UInt8] {
        endRun()
        flushLiterals()
        return bytes
    }

    /// The run just ended: long runs go out as RLE once the literals before them fill whole groups (values
    /// borrowed from the run's head complete the last group); short runs join the literals.
    private mutating func endRun() {
        guard runLength > 0 else { return }
        let borrowed = literals.isEmpty ? 0 : (8 - literals.count % 8) % 8
        if runLength - borrowed >= 8 {
            literals.append(contentsOf: repeatElement(runValue, count: borrowed))
            flushLiterals()
            writeRLE(runValue, count: runLength - borrowed)
        } else {
            literals.append(contentsOf: repeatElement(runValue, count: runLength))
        }
        runLength = 0
    }

    private mutating func writeRLE(_ value: UInt32, count: Int) {
        bytes.appendVarint(UInt64(count) << 1)
        let width = (bitWidth + 7) / 8
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
    }

    private mutating func flushLiterals() {
        guard !literals.isEmpty else { return }
        let groups = (literals.count + 7) / 8
        bytes.appendVarint(UInt64(groups) << 1 | 1)
        literals.append(contentsOf: repeatElement(0, count: groups * 8 - literals.count))
        var accumulator: UInt64 = 0
        var bits = 0
        for value in literals {
            accumulator |= UInt64(value) << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        // 8 values of any width fill whole bytes, so nothing is left over.
        literals.removeAll(keepingCapacity: true)
    }

}
