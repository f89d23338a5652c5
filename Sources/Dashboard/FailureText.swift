import Analytics
import HTTP

/// Plain words for a failed request, shared by the 503/500 page, the inline panel errors and the
/// JSON error body.
struct FailureText: Sendable {
    let status: HTTPStatus
    let title: String
    let message: String
    let hint: String

    init(_ failure: LoadFailure, requestID: String) {
        switch failure {
        case .analytics(let error):
            self.init(error, requestID: requestID)
        case .skipped:
            self.init(status: .ok, title: "Not shown", message: "This panel has nothing to show for an empty warehouse.", hint: "")
        case .timedOut(_, let seconds):
            self.init(
                status: .serviceUnavailable, title: "The warehouse is slow to answer",
                message: "PostgreSQL did not answer within \(seconds) seconds, so the dashboard stopped waiting rather than leave you with a blank page.",
                hint: "It may be busy with a large load; reload in a minute. If it stays slow, check the database's load and locks.")
        }
    }

    init(status: HTTPStatus, title: String, message: String, hint: String) {
        self.status = status
        self.title = title
        self.message = message
        self.hint = hint
    }

    init(_ error: AnalyticsError, requestID: String) {
        switch error {
        case .warehouseUnavailable:
            status = .serviceUnavailable
            title = "The warehouse is unavailable"
            message = "The dashboard cannot reach its PostgreSQL warehouse right now, so it has no numbers to show. No events are lost: they wait in the lake and are loaded when the warehouse is back."
            hint = "Check that PostgreSQL is running and that DATABASE_URL points to it, then reload this page."
        case .warehouseNotMigrated:
            status = .serviceUnavailable
            title = "The warehouse is not set up yet"
            message = "The warehouse database answers, but its tables do not exist or are older than this version of the dashboard."
            hint = "Run `clickstream migrate` against this database, then reload this page."
        case .queryFailed:
            status = .internalServerError
            title = "Something went wrong"
            message = "The dashboard could not compute these numbers. The details are in the server log under request id \(requestID)."
            hint = "Reloading may help; if it keeps happening, send the request id to whoever runs the dashboard."
        }
    }
}
