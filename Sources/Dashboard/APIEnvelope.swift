import Analytics

/// The one shape of every JSON answer: `{"meta": {...}, "data": ...}`.
struct APIEnvelope<Payload: Encodable & Sendable>: Encodable, Sendable {
    let meta: APIMeta
    let data: Payload
}
