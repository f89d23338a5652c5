import HTTP

extension DashboardApp {
    /// Sets how the server answers the requests it refuses itself (404, 405, 421 for another host) and the
    /// access refusals the routes throw (401, 403, 429): in the dashboard's own forms, like its other errors.
    public func configure(_ server: inout HTTPServer.Configuration) {
        server.errorResponse = { [self] error, request in refusal(error, request: request) }
    }

    /// JSON under the API, as every API error; the error page on the page's paths; plain text elsewhere
    /// (`/metrics`, unknown paths). The server adds the error's headers (`WWW-Authenticate`, `Retry-After`).
    func refusal(_ error: any HTTPResponseError, request: HTTPRequest) -> HTTPResponse {
        if request.path.hasPrefix(DashboardLinks.apiPath) {
            return jsonError(status: error.status, parameter: nil, message: error.publicMessage, request: request)
        }
        guard ["/", DashboardLinks.pagePath, DashboardLinks.pagePath + "/"].contains(request.path) else {
            return .text(error.publicMessage + "\n", status: error.status)
        }
        let title = switch error.status {
        case .unauthorized: "Sign in with an access token"
        case .forbidden: "This token cannot open the page"
        case .tooManyRequests: "Too many wrong tokens"
        case .misdirectedRequest: "Not the address of this dashboard"
        default: error.status.reasonPhrase
        }
        let model = ErrorPage(
            productName: configuration.productName, statusCode: String(error.status.code), title: title,
            message: error.publicMessage, hint: "", hasHint: false, requestID: request.requestID,
            homeURL: DashboardLinks.pagePath, retryURL: DashboardLinks.pagePath, stylesheetURL: DashboardLinks().stylesheet,
            scheduleFacts: [], hasSchedule: false)
        return htmlPage("error", model, status: error.status, request: request)
    }
}
