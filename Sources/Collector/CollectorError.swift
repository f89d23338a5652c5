import HTTP
import Money

/// Why the collector refused a request; each case knows its status and says what was wrong.
public enum CollectorError: Error, HTTPResponseError, Equatable {
    case emptyBody
    case notJSON(String)
    case notAnObject(position: Int)
    case missingEventName(position: Int)
    case tooManyEvents(limit: Int)
    case eventTooLarge(position: Int, limit: Int)
    /// A price or total outside `AmountRule`: `field` is its path (`product.price`).
    case badAmount(position: Int, field: String, problem: String)
    case unsupportedContentType(String)
    case rateLimited
    case overloaded
    case lakeUnavailable

    public var status: HTTPStatus {
        switch self {
        case .rateLimited: .tooManyRequests
        case .overloaded, .lakeUnavailable: .serviceUnavailable
        default: .badRequest
        }
    }

    public var publicMessage: String {
        switch self {
        case .emptyBody: "empty body: send a JSON object, a JSON array of objects, or NDJSON"
        case .notJSON(let detail): "body is not valid JSON: \(detail)"
        case .notAnObject(let position): "event \(position) is not a JSON object"
        case .missingEventName(let position): "event \(position) has no eventName"
        case .tooManyEvents(let limit): "too many events in one request (limit \(limit))"
        case .eventTooLarge(let position, let limit): "event \(position) is larger than \(limit) bytes"
        case .badAmount(let position, let field, let problem):
            "event \(position): \(field) \(problem); amounts must be \(AmountRule.summary)"
        case .unsupportedContentType(let type): "unsupported content type \(type): use application/json, text/plain or application/x-ndjson"
        case .rateLimited: "too many requests from this address; slow down"
        case .overloaded: "the collector is busy storing earlier events; retry shortly"
        case .lakeUnavailable: "the event store is unavailable; retry shortly"
        }
    }

    public var headers: HTTPHeaders {
        switch self {
        case .rateLimited, .overloaded, .lakeUnavailable: ["Retry-After": "1"]
        default: [:]
        }
    }
}
