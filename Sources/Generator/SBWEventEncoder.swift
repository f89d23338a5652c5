/// Writes an event in the SBW ingest dialect: the frontend's camelCase payload plus the
/// `_ingest` block the ingest Lambda adds (see `samples/sbw-ingest`).
enum SBWEventEncoder {
    static let apiID = "k7q2m9x4vd"

    static func encode(_ event: DemoEvent) -> [UInt8] {
        var json = JSONWriter(capacity: 1_200)
        json.beginObject()
        json.string("eventName", event.name.rawValue)
        json.string("eventId", event.eventID)
        json.string("pageUrl", event.pageURL)
        json.string("referrer", event.referrer)
        json.string("userId", event.userID)
        if let loginState = event.loginState {
            json.string("userLoginState", loginState)
        }
        if let identitySource = event.identitySource {
            json.string("identitySource", identitySource)
        }
        json.string("clientId", event.clientID)
        json.string("sessionId", event.sessionID)
        json.bool("isFirstVisit", event.isFirstVisit)
        if let product = event.product {
            json.beginObject("product")
            json.string("id", product.id)
            json.string("name", product.name)
            json.string("category", product.category)
            json.string("brand", product.brand)
            json.int("price", product.price)
            json.int("discountPrice", product.discountPrice)
            json.string("urlPath", product.urlPath)
            json.endObject()
        }
        if let element = event.element {
            encode(element, into: &json)
        }
        json.beginObject("_ingest")
        json.string("receivedAt", CivilTime(milliseconds: event.receivedAtMillis).iso8601)
        json.string("sourceIp", event.sourceIP)
        json.string("userAgent", event.userAgent)
        json.string("method", "POST")
        json.string("path", "/clickstream")
        json.string("requestId", event.requestID)
        json.string("apiId", apiID)
        json.string("stage", "$default")
        json.string("traceId", event.traceID)
        json.endObject()
        json.endObject()
        return json.bytes
    }

    private static func encode(_ element: PageElement, into json: inout JSONWriter) {
        json.beginObject("element")
        if let tag = element.tag {
            json.string("tag", tag)
            json.string("id", element.id)
            json.string("role", element.role)
            json.string("text", element.text)
        }
        json.beginObject("dataset")
        for attribute in element.dataset {
            json.string(attribute.name, attribute.value)
        }
        json.endObject()
        json.endObject()
    }
}
