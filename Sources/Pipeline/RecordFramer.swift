/// One JSON object found in a lake object, with its position for reject reports and deterministic ids.
public struct FramedRecord: Sendable {
    /// Array index, NDJSON line index (0-based, blank lines counted), or 0 for a single-object file.
    public var position: Int
    /// The parsed text the record is on (an array's records share one).
    var tape: JSONTape
    /// The record's object token on `tape`.
    var root: Int
    /// The record's bytes within the object (nil for array elements, whose excerpt is re-serialised).
    public var rawRange: Range<Int>?
}

/// What framing found in one object: the records and the refusals, both in position order.
public struct FramedObject: Sendable {
    public var records: [FramedRecord] = []
    public var rejects: [RecordReject] = []
}

/// Splits decompressed object bytes into JSON object records: one object, an array of objects, or NDJSON.
///
/// UTF-8 is checked explicitly before any parsing. In NDJSON each line stands alone, so one bad line
/// never stops the others.
public enum RecordFramer {
    /// A record larger than this is refused as `record_too_large` (keeps batches and jsonb rows sane).
    public static let maxRecordBytes = 1 << 20

    public static func frame(_ bytes: [UInt8]) -> FramedObject {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }  // UTF-8 BOM
        let range = start..<bytes.count
        var result = FramedObject()
        guard bytes[range].contains(where: { !isWhitespace($0) }) else {
            result.rejects.append(RecordReject(position: 0, reason: .emptyObject, detail: "the object has no content", excerpt: ""))
            return result
        }
        // Only a failure needs to know whether there are several lines: a whole scan of every good file was not free.
        func isMultiLine() -> Bool { nonBlankLineCount(bytes, in: range, stopAfter: 2) > 1 }
        if let invalid = UTF8Validator.firstInvalidOffset(bytes, in: range) {
            let whole = RecordReject(position: 0, reason: .invalidUTF8, detail: "invalid UTF-8 at byte \(invalid)",
                                     excerpt: RecordReject.excerpt(of: bytes, in: range))
            if isMultiLine() { return frameLines(bytes, in: range, collapseIfNoneParse: whole, isValidUTF8: false) }
            result.rejects.append(whole)
            return result
        }
        do throws(JSONParseError) {
            let tape = try JSONParser.tape(bytes, in: range)
            return frameDocument(tape, bytes: bytes, range: range)
        } catch where error.kind == .trailingContent || isMultiLine() {
            // Several values (NDJSON), or one broken multi-line document: decide line by line.
            let collapse = error.kind == .syntax ? RecordReject(position: 0, reason: .invalidJSON, detail: error.description,
                                                                excerpt: RecordReject.excerpt(of: bytes, in: range)) : nil
            return frameLines(bytes, in: range, collapseIfNoneParse: collapse, isValidUTF8: true)
        } catch {
            result.rejects.append(RecordReject(position: 0, reason: .invalidJSON, detail: error.description,
                                               excerpt: RecordReject.excerpt(of: bytes, in: range)))
            return result
        }
    }

    private static func frameDocument(_ tape: JSONTape, bytes: [UInt8], range: Range<Int>) -> FramedObject {
        var result = FramedObject()
        let document = JSONTape.root
        switch tape.kind(document) {
        case .object:
            if range.count > maxRecordBytes {
                result.rejects.append(tooLarge(position: 0, bytes: bytes, range: range))
            } else {
                result.records.append(FramedRecord(position: 0, tape: tape, root: document, rawRange: range))
            }
        case .array:
            var element = tape.firstElement(of: document), position = 0
            if element == tape.end(of: document) {
                result.rejects.append(RecordReject(position: 0, reason: .emptyObject, detail: "the object is an empty array", excerpt: "[]"))
            }
            while element < tape.end(of: document) {
                if tape.kind(element) == .object {
                    result.records.append(FramedRecord(position: position, tape: tape, root: element, rawRange: nil))
                } else {
                    result.rejects.append(RecordReject(position: position, reason: .notAnObject,
                                                       detail: "array element \(position) is a \(tape.typeName(element)), not an object",
                                                       excerpt: tape.excerpt(element)))
                }
                element = tape.tokens[element].next
                position += 1
            }
        default:
            result.rejects.append(RecordReject(position: 0, reason: .notAnObject, detail: "the object holds a \(tape.typeName(document)), not a JSON object",
                                               excerpt: RecordReject.excerpt(of: bytes, in: range)))
        }
        return result
    }

    /// NDJSON: each non-blank line is one record. When no line parses, the file is one broken (pretty-printed)
    /// document, refused whole as `collapseIfNoneParse` (bad syntax or bad UTF-8): one reject, not one per line.
    /// `isValidUTF8`: the whole buffer was already checked, so lines are not checked again.
    private static func frameLines(_ bytes: [UInt8], in range: Range<Int>, collapseIfNoneParse: RecordReject?,
                                   isValidUTF8: Bool) -> FramedObject {
        var result = FramedObject()
        var lineStart = range.lowerBound
        var lineIndex = 0
        while lineStart < range.upperBound {
            let newline = bytes[lineStart..<range.upperBound].firstIndex(of: 0x0A) ?? range.upperBound
            var lineEnd = newline
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = lineStart..<lineEnd
            if bytes[line].contains(where: { !isWhitespace($0) }) {
                frameLine(bytes, line: line, position: lineIndex, isValidUTF8: isValidUTF8, into: &result)
            }
            lineStart = newline + 1
            lineIndex += 1
        }
        // Bad UTF-8 on every line is NDJSON with bad lines (a Latin-1 export), each explained; a document spread over
        // lines has lines that are fine as text but are no JSON value alone.
        if result.records.isEmpty, let whole = collapseIfNoneParse,
           whole.reason != .invalidUTF8 || result.rejects.contains(where: { $0.reason == .invalidJSON }) {
            return FramedObject(records: [], rejects: [whole])
        }
        return result
    }

    private static func frameLine(_ bytes: [UInt8], line: Range<Int>, position: Int, isValidUTF8: Bool, into result: inout FramedObject) {
        if line.count > maxRecordBytes {
            result.rejects.append(tooLarge(position: position, bytes: bytes, range: line))
            return
        }
        if !isValidUTF8, let invalid = UTF8Validator.firstInvalidOffset(bytes, in: line) {
            result.rejects.append(RecordReject(position: position, reason: .invalidUTF8,
                                               detail: "invalid UTF-8 at byte \(invalid - line.lowerBound) of line \(position + 1)",
                                               excerpt: RecordReject.excerpt(of: bytes, in: line)))
            return
        }
        do throws(JSONParseError) {
            let tape = try JSONParser.tape(bytes, in: line)
            guard tape.kind(JSONTape.root) == .object else {
                result.rejects.append(RecordReject(position: position, reason: .notAnObject,
                                                   detail: "line \(position + 1) holds a \(tape.typeName(JSONTape.root)), not an object",
                                                   excerpt: RecordReject.excerpt(of: bytes, in: line)))
                return
            }
            result.records.append(FramedRecord(position: position, tape: tape, root: JSONTape.root, rawRange: line))
        } catch {
            result.rejects.append(RecordReject(position: position, reason: .invalidJSON,
                                               detail: "line \(position + 1): \(error.message) at byte \(error.offset - line.lowerBound)",
                                               excerpt: RecordReject.excerpt(of: bytes, in: line)))
        }
    }

    private static func tooLarge(position: Int, bytes: [UInt8], range: Range<Int>) -> RecordReject {
        RecordReject(position: position, reason: .recordTooLarge, detail: "record of \(range.count) bytes exceeds \(maxRecordBytes)",
                     excerpt: RecordReject.excerpt(of: bytes, in: range))
    }

    private static func nonBlankLineCount(_ bytes: [UInt8], in range: Range<Int>, stopAfter limit: Int) -> Int {
        var count = 0
        var lineHasContent = false
        for index in range {
            let byte = bytes[index]
            if byte == 0x0A {
                if lineHasContent { count += 1; if count >= limit { return count } }
                lineHasContent = false
            } else if !isWhitespace(byte) {
                lineHasContent = true
            }
        }
        return lineHasContent ? count + 1 : count
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
