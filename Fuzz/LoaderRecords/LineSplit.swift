/// Lines of an input as the framer counts them (LF-separated, blank lines included), for splitting.
enum LineSplit {
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index + 1)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }

    /// True when `piece` parses as one JSON document: then the framer reads it as that, not as lines.
    static func isOneDocument(_ piece: [UInt8]) -> Bool {
        (try? JSONParser.tape(piece, in: 0..<piece.count)) != nil
    }
}
