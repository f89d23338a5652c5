import HTTP

/// A request refused by access control: 401 (no token, or a wrong one) with the challenges that make a browser
/// ask for one, 403 (an API-only token on the page), or 429 (too many wrong tokens from this address).
public struct AccessDenied: HTTPResponseError, Sendable, Equatable {
    public enum Reason: String, Sendable {
        case missingToken = "no_token"
        case wrongToken = "wrong_token"
        case outOfScope = "out_of_scope"
        case tooManyFailures = "too_many_failures"
    }

    public let reason: Reason
    public let status: HTTPStatus
    public let publicMessage: String
    public let headers: HTTPHeaders

    public static func == (lhs: AccessDenied, rhs: AccessDenied) -> Bool {
        lhs.reason == rhs.reason && lhs.status == rhs.status && lhs.publicMessage == rhs.publicMessage
    }

    /// 401: `Basic` so a browser prompts; for the API also `Bearer`, flagged invalid when a wrong one was sent.
    static func unauthorized(_ reason: Reason, realm: String, offersBearer: Bool, wasBearer: Bool) -> AccessDenied {
        var headers: HTTPHeaders = ["WWW-Authenticate": "Basic realm=\"\(realm)\", charset=\"UTF-8\""]
        if offersBearer {
            headers.add("WWW-Authenticate", "Bearer realm=\"\(realm)\"" + (wasBearer ? ", error=\"invalid_token\"" : ""))
        }
        let message = reason == .missingToken
            ? "This server needs an access token: HTTP Basic with the token as the password (any user name), "
                + "or Authorization: Bearer <token>."
            : "That access token is not valid here. Ask an admin for one (clickstream token add)."
        return AccessDenied(reason: reason, status: .unauthorized, publicMessage: message, headers: headers)
    }

    static let outOfScope = AccessDenied(
        reason: .outOfScope, status: .forbidden,
        publicMessage: "This access token is for the API only; the dashboard page needs a token with scope all.", headers: [:])

    static func tooManyFailures(retryAfter seconds: Int) -> AccessDenied {
        AccessDenied(reason: .tooManyFailures, status: .tooManyRequests,
                     publicMessage: "Too many wrong access tokens from this address; wait \(seconds) s before trying again.",
                     headers: ["Retry-After": String(seconds)])
    }
}
