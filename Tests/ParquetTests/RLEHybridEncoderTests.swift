import Testing
@testable import Parquet

/// Byte vectors from Encodings.md's RLE / bit-packing hybrid grammar.
@Suite("RLE / bit-packed hybrid")
struct RLEHybridEncoderTests {
    @Test("Encodings.md's example: 0…7 at bit width 3 bit-pack to 88 c6 fa after the header 03")
    func specBitPackingExample() {
        var encoder = RLEHybridEncoder(bitWidth: 3)
        for value in UInt32(0)..<8 { encoder.append(value) }
        #expect(encoder.finish() == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test("eight or more equal values are one RLE run: header count << 1, the value in ceil(width / 8) bytes")
    func runLengthRun() {
        var encoder = RLEHybridEncoder(bitWidth: 3)
        encoder.append(5, count: 100)
        #expect(encoder.finish() == [0xC8, 0x01, 0x05])  // varint(200)
        var wide = RLEHybridEncoder(bitWidth: 10)
        wide.append(0x2FF, count: 8)
        #expect(wide.finish() == [0x10, 0xFF, 0x02])
    }

    @Test("a short run stays bit-packed; a trailing group is padded with zeros")
    func shortRunsArePacked() {
        var encoder = RLEHybridEncoder(bitWidth: 1)
        for value: UInt32 in [1, 0, 1, 1, 0] { encoder.append(value) }
        #expect(encoder.finish() == [0x03, 0b0000_1101])
    }

    @Test("literals before a long run borrow from it to fill their group, then the rest is an RLE run")
    func literalsBorrowFromARun() {
        var encoder = RLEHybridEncoder(bitWidth: 1)
        encoder.append(0)
        encoder.append(1, count: 20)  // 7 of these complete the first group, 13 remain for the run
        #expect(encoder.finish() == [0x03, 0b1111_1110, 0x1A, 0x01])
    }

    @Test("definition levels of a column without nulls are a single run")
    func allPresentLevels() {
        var encoder = RLEHybridEncoder(bitWidth: 1)
        encoder.append(1, count: 20_000)
        #expect(encoder.finish() == [0xC0, 0xB8, 0x02, 0x01])  // varint(40,000)
    }

    @Test("the bit width of a dictionary's indices is the fewest bits for the largest index")
    func bitWidths() {
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 256) == 9)
    }
}
