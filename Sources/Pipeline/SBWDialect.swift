import Foundation

/// The shop frontend's dialect through the ingest Lambda: camelCase (`eventName`, `product{…}`, `_ingest{…}`)
/// and the older snake_case spellings (`event_name`, `context_product{product_id,…}`, flat `context_product_*`).
enum SBWDialect {
    static func decode(_ record: FramedRecord, context: RecordContext) throws(RecordRejection) -> CanonicalEvent {
        var reader = FieldReader(record)
        let name = try EventDecoder.eventName(
            try reader.text("eventName", "event_name", limit: EventDecoder.eventNameLimit), missing: "no eventName or event_name")
        var ingest = try reader.object("_ingest") ?? reader.absent()
        // Server receipt time wins; the client's own time then stays in properties.
        var time = try ingest.timestamp("receivedAt", "received_at")
        if time == nil { time = try reader.timestamp("eventTimestamp", "event_timestamp", "timestamp") }
        let payloadID = reader.uuid("eventId", "event_id")

        var event = CanonicalEvent(eventID: payloadID ?? context.derivedEventID(position: record.position),
                                   eventTimestamp: time ?? context.lastModified, eventName: name,
                                   dialect: .sbw, sourceKey: context.objectKey, sourcePosition: record.position)
        event.hasDerivedID = payloadID == nil
        event.pageURL = try reader.text("pageUrl", "page_url", limit: FieldReader.longTextLimit)
        event.referrer = try reader.text("referrer", "referrer_url", limit: FieldReader.longTextLimit)
        event.userID = try reader.text("userId", "user_id")
        event.userLoginState = try reader.text("userLoginState", "user_login_state")
        event.identitySource = try reader.text("identitySource", "identity_source")
        event.clientID = try reader.text("clientId", "client_id")
        event.sessionID = try reader.text("sessionId", "session_id")
        event.isFirstVisit = try reader.bool("isFirstVisit", "is_first_visit")
        event.deviceType = try reader.text("deviceType", "device_type")
        event.userAgent = try ingest.text("userAgent", "user_agent", limit: FieldReader.longTextLimit)
        if event.userAgent == nil {
            event.userAgent = try reader.text("userAgent", "user_agent", limit: FieldReader.longTextLimit)
        }
        event.orderID = try reader.text("orderId", "order_id")
        event.orderTotal = try reader.amount("orderTotal", "order_total")
        event.sourceIP = reader.takeClientAddresses(ingest: &ingest, retention: context.addressRetention)
        reader.restore("_ingest", from: ingest)

        if var product = try reader.object("product") {
            try readProduct(&product, into: &event, keys: ProductKeys.camel)
            reader.restore("product", from: product)
        }
        if var product = try reader.object("context_product") {
            try readProduct(&product, into: &event, keys: ProductKeys.nestedSnake)
            reader.restore("context_product", from: product)
        }
        try readProduct(&reader, into: &event, keys: ProductKeys.flatSnake)

        // checkout_complete carries the order in the clicked element's dataset.
        if name == "checkout_complete", var element = try reader.object("element") {
            if var dataset = try element.object("dataset") {
                if event.orderID == nil { event.orderID = try dataset.text("orderId", "order_id") }
                if event.orderTotal == nil { event.orderTotal = try dataset.amount("total", "orderTotal", "order_total") }
                element.restore("dataset", from: dataset)
            }
            reader.restore("element", from: element)
        }

        event.properties = reader.properties
        event.unknownFields = SchemaDrift.unknownFields(in: reader, dialect: .sbw)
        return event
    }

    /// The spellings of the seven product fields in one place of the payload.
    private struct ProductKeys {
        var id, name, category, brand, price, discountPrice, urlPath: FieldKey

        static let camel = ProductKeys(id: "id", name: "name", category: "category", brand: "brand", price: "price",
                                       discountPrice: "discountPrice", urlPath: "urlPath")
        static let nestedSnake = ProductKeys(id: "product_id", name: "product_name", category: "product_category",
                                             brand: "product_brand", price: "product_price",
                                             discountPrice: "product_discount_price", urlPath: "product_url_path")
        static let flatSnake = ProductKeys(id: "context_product_id", name: "context_product_name",
                                           category: "context_product_category", brand: "context_product_brand",
                                           price: "context_product_price", discountPrice: "context_product_discount_price",
                                           urlPath: "context_product_url_path")
    }

    /// Product fields, first found wins: `product{…}`, then `context_product{…}`, then flat `context_product_*`.
    private static func readProduct(_ reader: inout FieldReader, into event: inout CanonicalEvent,
                                    keys: ProductKeys) throws(RecordRejection) {
        if event.productID == nil { event.productID = try reader.text(keys.id) }
        if event.productName == nil { event.productName = try reader.text(keys.name, limit: 512) }
        if event.productCategory == nil { event.productCategory = try reader.text(keys.category) }
        if event.productBrand == nil { event.productBrand = try reader.text(keys.brand) }
        if event.productPrice == nil { event.productPrice = try reader.amount(keys.price) }
        if event.productDiscountPrice == nil { event.productDiscountPrice = try reader.amount(keys.discountPrice) }
        if event.productURLPath == nil {
            event.productURLPath = try reader.text(keys.urlPath, limit: FieldReader.longTextLimit)
        }
    }
}
