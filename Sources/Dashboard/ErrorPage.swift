/// The view model of `error.mustache`: a full page for 503/500/404-type answers, in plain words.
struct ErrorPage: Sendable {
    let productName: String
    let statusCode: String
    let title: String
    let message: String
    let hint: String
    let hasHint: Bool
    let requestID: String
    let homeURL: String
    /// The same view again (its filters kept), for "Try again".
    let retryURL: String
    let stylesheetURL: String
    /// The ETL scheduler of this server, on a 503 (the warehouse down or slow): is it retrying, when
    /// next, why it failed; empty otherwise.
    let scheduleFacts: [PipelineFact]
    let hasSchedule: Bool
}
