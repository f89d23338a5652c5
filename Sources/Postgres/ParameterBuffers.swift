import Foundation

/// Parameter buffers for `PQexecParams` with formats: text values NUL-terminated, binary ones with their
/// lengths; the storage lives exactly as long as `body` runs.
enum ParameterBuffers {
    enum Value {
        case text(String)
        case binary([UInt8])
    }

    static func with<R>(_ values: [Value?],
                        _ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) -> R) -> R {
        var lengths: [Int32] = [], formats: [Int32] = []
        let copies: [UnsafeMutablePointer<CChar>?] = values.map { value in
            switch value {
            case nil:
                lengths.append(0)
                formats.append(0)
                return nil
            case .text(let text):
                lengths.append(0)
                formats.append(0)
                return strdup(text)
            case .binary(let bytes):
                lengths.append(Int32(clamping: bytes.count))
                formats.append(1)
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { UnsafeMutableRawPointer(copy).copyMemory(from: base, byteCount: raw.count) }
                }
                return copy
            }
        }
        defer {
            for (copy, format) in zip(copies, formats) {
                if format == 1 { copy?.deallocate() } else { free(copy) }
            }
        }
        return body(copies.map { UnsafePointer($0) }, lengths, formats)
    }
}
