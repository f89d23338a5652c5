import Foundation

/// The case-study hourly batches: `event_type`, `event_timestamp`, `device_type`, `page_url`, `referrer_url`,
/// and `metadata{product_id, category, brand, price, order_id, order_total, …}`.
enum CaseStudyDialect {
    static func decode(_ record: FramedRecord, context: RecordContext) throws(RecordRejection) -> CanonicalEvent {
        var reader = FieldReader(record)
        let name = try EventDecoder.eventName(
            try reader.text("event_type", limit: EventDecoder.eventNameLimit), missing: "no event_type")
        var ingest = try reader.object("_ingest") ?? reader.absent()
        var time = try ingest.timestamp("receivedAt", "received_at")
        if time == nil { time = try reader.timestamp("event_timestamp", "timestamp") }
        let payloadID = reader.uuid("event_id", "eventId")

        var event = CanonicalEvent(eventID: payloadID ?? context.derivedEventID(position: record.position),
                                   eventTimestamp: time ?? context.lastModified, eventName: name,
                                   dialect: .caseStudy, sourceKey: context.objectKey, sourcePosition: record.position)
        event.hasDerivedID = payloadID == nil
        event.userID = try reader.text("user_id")
        event.sessionID = try reader.text("session_id")
        event.clientID = try reader.text("client_id")
        event.deviceType = try reader.text("device_type")
        event.pageURL = try reader.text("page_url", limit: FieldReader.longTextLimit)
        event.referrer = try reader.text("referrer_url", "referrer", limit: FieldReader.longTextLimit)
        event.userAgent = try ingest.text("userAgent", "user_agent", limit: FieldReader.longTextLimit)
        if event.userAgent == nil {
            event.userAgent = try reader.text("user_agent", limit: FieldReader.longTextLimit)
        }
        event.sourceIP = reader.takeClientAddresses(ingest: &ingest, retention: context.addressRetention)
        reader.restore("_ingest", from: ingest)

        if var metadata = try reader.object("metadata") {
            event.productID = try metadata.text("product_id")
            event.productName = try metadata.text("product_name", "name", limit: 512)
            event.productCategory = try metadata.text("category")
            event.productBrand = try metadata.text("brand")
            event.productPrice = try metadata.amount("price")
            event.productDiscountPrice = try metadata.amount("discount_price")
            event.orderID = try metadata.text("order_id")
            event.orderTotal = try metadata.amount("order_total")
            reader.restore("metadata", from: metadata)
        }

        event.properties = reader.properties
        event.unknownFields = SchemaDrift.unknownFields(in: reader, dialect: .caseStudy)
        return event
    }
}
