import Gzip
import Testing

@Suite("Gzip")
struct GzipTests {
    let text = Array(String(repeating: "clickstream event payload 0123456789\n", count: 500).utf8)

    @Test("compress then decompress returns the original bytes")
    func roundTrips() throws {
        let compressed = try Gzip.compress(text)
        #expect(Gzip.isGzip(compressed))
        #expect(compressed.count < text.count / 5)
        #expect(try Gzip.decompress(compressed) == text)
    }

    @Test("empty input round-trips")
    func roundTripsEmpty() throws {
        #expect(try Gzip.decompress(try Gzip.compress([])) == [])
    }

    @Test("level 0 stores and level 9 compresses; both decode")
    func honoursLevel() throws {
        let stored = try Gzip.compress(text, level: 0)
        let best = try Gzip.compress(text, level: 9)
        #expect(stored.count > text.count)
        #expect(best.count < stored.count)
        #expect(try Gzip.decompress(stored) == text)
        #expect(throws: GzipError.invalidLevel(12)) { try Gzip.compress(text, level: 12) }
    }

    @Test("concatenated members decode to the concatenation")
    func decodesConcatenatedMembers() throws {
        let joined = try Gzip.compress(Array("first\n".utf8)) + Gzip.compress(Array("second\n".utf8))
        #expect(try Gzip.decompress(joined) == Array("first\nsecond\n".utf8))
    }

    @Test("output beyond maxOutput is refused (gzip bomb)")
    func enforcesOutputLimit() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(throws: GzipError.outputLimitExceeded(limit: 1000)) { try Gzip.decompress(bomb, maxOutput: 1000) }
        #expect(try Gzip.decompress(bomb, maxOutput: 1 << 20).count == 1 << 20)
    }

    @Test("truncated, non-gzip, corrupt and trailing garbage inputs give typed errors")
    func reportsTypedErrors() throws {
        let compressed = try Gzip.compress(text)
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Array(compressed.prefix(compressed.count / 2))) }
        #expect(throws: GzipError.notGzip) { try Gzip.decompress(Array("{\"a\":1}".utf8)) }
        #expect(throws: GzipError.trailingGarbage) { try Gzip.decompress(compressed + [1, 2, 3]) }
        var corrupt = compressed
        corrupt[corrupt.count - 6] ^= 0xFF  // inside the CRC32 trailer
        #expect(throws: GzipError.self) { try Gzip.decompress(corrupt) }
    }

    @Test("isGzip checks the 1f 8b magic")
    func detectsMagic() {
        #expect(Gzip.isGzip([0x1f, 0x8b, 8]))
        #expect(!Gzip.isGzip([0x1f]))
        #expect(!Gzip.isGzip(Array("hello".utf8)))
    }

    @Test("the streaming decompressor yields the same bytes fed one small chunk at a time")
    func streamsInSmallChunks() throws {
        let compressed = try Gzip.compress(text) + Gzip.compress(Array("tail".utf8))
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        var index = 0
        while index < compressed.count {
            let end = min(index + 7, compressed.count)
            output += try decompressor.decompress(Array(compressed[index..<end]))
            index = end
        }
        try decompressor.finish()
        #expect(output == text + Array("tail".utf8))
    }

    @Test("finish reports a stream that stopped mid-member")
    func streamingDetectsTruncation() throws {
        let compressed = try Gzip.compress(text)
        let decompressor = try GzipDecompressor()
        _ = try decompressor.decompress(Array(compressed.prefix(20)))
        #expect(throws: GzipError.truncated) { try decompressor.finish() }
    }
}
