// Stand-ins for what the loader's record path imports from outside the files scripts/fuzz.sh compiles:
// only swift-crypto's SHA-1, which derives ids for records without a uuid (any stable hash does here).

enum Insecure {
    /// FNV-1a spread over 20 bytes: deterministic, which is all the fuzzer's comparisons need.
    struct SHA1 {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func update(data: [UInt8]) {
            for byte in data { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }

        func finalize() -> [UInt8] {
            var bytes: [UInt8] = []
            var value = state
            for _ in 0..<20 {
                value = (value ^ (value >> 29)) &* 0xbf58_476d_1ce4_e5b9
                bytes.append(UInt8(truncatingIfNeeded: value >> 56))
            }
            return bytes
        }
    }
}
