import Analytics

/// The JSON body of a failed API call: `{"error": {"parameter": "from", "message": "..."}}`; a 503
/// adds `"scheduler"`, the in-process ETL scheduler's state (null when this server runs none).
struct APIErrorBody: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        /// The query parameter at fault; absent when the request was fine and the server was not.
        let parameter: String?
        let message: String
        let requestID: String

        private enum CodingKeys: String, CodingKey {
            case parameter, message, requestID = "request_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(parameter, forKey: .parameter)
            try container.encode(message, forKey: .message)
            try container.encode(requestID, forKey: .requestID)
        }
    }

    let error: Detail
    /// nil: not a 503, no `scheduler` key; `.some(nil)`: a 503 from a server without a scheduler.
    let scheduler: PipelineSchedule??

    init(parameter: String?, message: String, requestID: String, scheduler: PipelineSchedule?? = nil) {
        error = Detail(parameter: parameter, message: message, requestID: requestID)
        self.scheduler = scheduler
    }

    private enum CodingKeys: String, CodingKey {
        case error, scheduler
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        if let scheduler { try container.encode(scheduler, forKey: .scheduler) }
    }
}
