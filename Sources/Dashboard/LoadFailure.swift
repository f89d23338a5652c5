import Analytics

/// Why one part of an answer is missing: the warehouse said no, or did not answer in time.
enum LoadFailure: Error, Sendable, CustomStringConvertible {
    case analytics(AnalyticsError)
    /// No answer before the request's deadline (`what` names the query, for the log).
    case timedOut(what: String, seconds: Int)
    /// Not asked for, because the page does not show it (an empty warehouse has no events to chart).
    case skipped(what: String)

    /// The query at fault, for logs.
    var query: String {
        switch self {
        case .analytics(let error): return error.query
        case .timedOut(let what, _), .skipped(let what): return what
        }
    }

    /// For the log, in words (not an enum dump).
    var description: String {
        switch self {
        case .analytics(let error): "\(error)"
        case .timedOut(let what, let seconds): "\(what) gave no answer within \(seconds) s"
        case .skipped(let what): "\(what) not asked for"
        }
    }

    var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}
