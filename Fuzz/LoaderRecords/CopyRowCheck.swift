import Foundation

/// Writes an event's binary COPY row as the loader does and reads it back field by field, as PostgreSQL's
/// binary COPY input would: the row must hold exactly the event's values.
enum CopyRowCheck {
    /// The whole COPY stream (signature, header, one row, trailer) for `event`.
    static func encode(_ event: CanonicalEvent) -> [UInt8] {
        var output: [UInt8] = []
        var writer = PostgresCopyWriter(format: .binary) { output += $0 }
        event.writeCopyRow(into: &writer, loadTransaction: 42)
        writer.sendBuffer(isLast: true)
        precondition(writer.pendingError == nil, "the COPY writer refused a value the decoder admitted")
        return output
    }

    static func verify(_ event: CanonicalEvent) {
        var reader = Reader(bytes: encode(event))
        precondition(reader.take(PostgresCopyWriter.binarySignature.count) == PostgresCopyWriter.binarySignature, "signature")
        precondition(reader.int32() == 0 && reader.int32() == 0, "header")
        precondition(Int(reader.int16()) == CanonicalEvent.columnNames.count + 1, "field count")
        let id = event.eventID.uuid
        precondition(reader.field() == withUnsafeBytes(of: id) { Array($0) }, "event_id")
        precondition(reader.field().map(Reader.int64) == event.eventTimestamp.microseconds - PostgresCopyWriter.postgresEpochOffset,
                     "event_timestamp")
        let texts: [String?] = [event.eventName, event.userID, event.userLoginState, event.identitySource, event.clientID,
                                event.sessionID]
        for text in texts { precondition(reader.text() == text, "text field") }
        precondition(reader.field() == event.isFirstVisit.map { [$0 ? 1 : 0] }, "is_first_visit")
        for text in [event.productID, event.productName, event.productCategory, event.productBrand] {
            precondition(reader.text() == text, "product text")
        }
        precondition(reader.numeric() == event.productPrice?.amount, "context_product_price")
        precondition(reader.numeric() == event.productDiscountPrice?.amount, "context_product_discount_price")
        for text in [event.productURLPath, event.pageURL, event.referrer, event.deviceType, event.userAgent, event.country,
                     event.region, event.city, event.orderID] {
            precondition(reader.text() == text, "text field")
        }
        precondition(reader.numeric() == event.orderTotal?.amount, "order_total")
        let properties = reader.field()
        precondition(properties?.first == 1 && properties.map { String(decoding: $0.dropFirst(), as: UTF8.self) } == event.properties,
                     "properties")
        precondition(properties.map { (try? JSONSerialization.jsonObject(with: Data($0.dropFirst()))) != nil } == true,
                     "properties is not JSON")
        precondition(reader.text() == event.dialect.rawValue && reader.text() == event.sourceKey, "dialect, source_key")
        precondition(reader.field().map { Int(Reader.int64(Array(repeating: 0, count: 4) + $0)) } == event.sourcePosition,
                     "source_position")
        let derived = event.derived
        for text in [derived?.pagePath, derived?.pageHost, derived?.referrerHost, derived?.channel?.rawValue,
                     derived?.campaign.source, derived?.campaign.medium, derived?.campaign.campaign, derived?.campaign.term,
                     derived?.campaign.content, derived?.userAgent?.browser, derived?.userAgent?.browserVersion,
                     derived?.userAgent?.os, derived?.userAgent?.osVersion] {
            precondition(reader.text() == text, "derived column")
        }
        precondition(reader.field().map { Int16(truncatingIfNeeded: Reader.int64(Array(repeating: 0, count: 6) + $0)) }
                     == (derived == nil ? nil : Enricher.version), "enrichment_version")
        precondition(reader.field().map(Reader.int64) == 42, "load_xact")
        precondition(reader.int16() == -1 && reader.isAtEnd, "trailer")
    }

    /// Big-endian reads over the stream; any overrun is a failed check.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var isAtEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) -> [UInt8] {
            precondition(count >= 0 && offset + count <= bytes.count, "field runs past the stream")
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func int16() -> Int16 { Int16(truncatingIfNeeded: Self.int64(Array(repeating: 0, count: 6) + take(2))) }
        mutating func int32() -> Int32 { Int32(truncatingIfNeeded: Self.int64(Array(repeating: 0, count: 4) + take(4))) }

        /// A field's bytes; nil for NULL.
        mutating func field() -> [UInt8]? {
            let length = int32()
            return length == -1 ? nil : take(Int(length))
        }

        mutating func text() -> String? {
            field().map { bytes in
                precondition(String(validating: bytes, as: UTF8.self) != nil, "text is not UTF-8")
                return String(decoding: bytes, as: UTF8.self)
            }
        }

        /// numeric's binary form (ndigits, weight, sign, dscale, base-10,000 digits) as an exact amount.
        mutating func numeric() -> Amount? {
            guard let field = field() else { return nil }
            guard field.count > 8 else { precondition(field.count == 8, "numeric header"); return .zero }
            var inner = Reader(bytes: field)
            let count = Int(inner.int16()), weight = Int(inner.int16()), sign = inner.int16(), _ = inner.int16()
            precondition(count >= 0 && (sign == 0 || sign == 0x4000), "numeric header")
            var text = sign == 0x4000 ? "-0." : "0."
            for _ in 0..<count {
                let digit = Int(inner.int16())
                precondition((0..<10_000).contains(digit), "numeric digit")
                let group = String(digit)
                text += String(repeating: "0", count: 4 - group.count) + group
            }
            precondition(inner.isAtEnd, "numeric length")
            return Amount(text + "e\(4 * (weight + 1))")
        }

        static func int64(_ bytes: [UInt8]) -> Int64 {
            precondition(bytes.count == 8, "integer width")
            return bytes.reduce(0) { $0 << 8 | Int64($1) }
        }
    }
}
