import Postgres

/// A `text[]` parameter built as bytes in one pass. The ledger lookup and the retry-reject cleanup send a
/// thousand or more keys per query; the generic array encoder appends scalar by scalar, which was a tenth
/// of the time of loading many small files.
struct TextArrayLiteral: PostgresEncodable {
    let postgresText: String

    /// Every element double-quoted, with `"` and `\` escaped.
    init<S: Sequence>(_ elements: S) where S.Element == String {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for var element in elements {
            if literal.count > 1 { literal.append(UInt8(ascii: ",")) }
            literal.append(UInt8(ascii: "\""))
            element.withUTF8 { bytes in
                var runStart = 0
                for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "\\") {
                    literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    literal.append(UInt8(ascii: "\\"))
                    runStart = index
                }
                literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        postgresText = String(decoding: literal, as: UTF8.self)
    }
}
