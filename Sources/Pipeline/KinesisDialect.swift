import Foundation

/// The Kinesis proof of concept (a Firehose NDJSON batch): `timestamp` in UTC without offset, `click_id`
/// (uuid without dashes), `event_name` (Search, AddToCart, ViewContent, Purchase), `additional_data{…}`,
/// and the enrichment `country`, `region`, `city`. Event names stay as sent; the analytics layer maps them.
enum KinesisDialect {
    static func decode(_ record: FramedRecord, context: RecordContext) throws(RecordRejection) -> CanonicalEvent {
        var reader = FieldReader(record)
        let name = try EventDecoder.eventName(
            try reader.text("event_name", "eventName", limit: EventDecoder.eventNameLimit), missing: "no event_name")
        var ingest = try reader.object("_ingest") ?? reader.absent()
        var time = try ingest.timestamp("receivedAt", "received_at")
        if time == nil { time = try reader.timestamp("timestamp", "event_timestamp") }
        let payloadID = reader.uuid("click_id", "event_id", "eventId")

        var event = CanonicalEvent(eventID: payloadID ?? context.derivedEventID(position: record.position),
                                   eventTimestamp: time ?? context.lastModified, eventName: name,
                                   dialect: .kinesis, sourceKey: context.objectKey, sourcePosition: record.position)
        event.hasDerivedID = payloadID == nil
        event.userID = try reader.text("user_id")
        event.sessionID = try reader.text("session_id")
        event.pageURL = try reader.text("page_url", limit: FieldReader.longTextLimit)
        event.referrer = try reader.text("referrer", "referrer_url", limit: FieldReader.longTextLimit)
        event.country = try reader.text("country")
        event.region = try reader.text("region")
        event.city = try reader.text("city")
        event.userAgent = try ingest.text("userAgent", "user_agent", limit: FieldReader.longTextLimit)
        if event.userAgent == nil {
            event.userAgent = try reader.text("user_agent", limit: FieldReader.longTextLimit)
        }
        event.sourceIP = reader.takeClientAddresses(ingest: &ingest, retention: context.addressRetention)
        reader.restore("_ingest", from: ingest)

        if var data = try reader.object("additional_data") {
            event.productID = try data.text("product_id")
            event.productName = try data.text("product_name", limit: 512)
            event.productCategory = try data.text("category", "product_category")
            event.productBrand = try data.text("brand", "product_brand")
            event.productPrice = try data.amount("price")
            event.orderID = try data.text("order_id")
            event.orderTotal = try data.amount("order_total")
            reader.restore("additional_data", from: data)  // time_on_data, percent_viewed, … stay
        }

        event.properties = reader.properties
        event.unknownFields = SchemaDrift.unknownFields(in: reader, dialect: .kinesis)
        return event
    }
}
