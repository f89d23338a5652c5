/// The JSON body of a failed API call: `{"error": {"parameter": "from", "message": "..."}}`.
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

    init(parameter: String?, message: String, requestID: String) {
        error = Detail(parameter: parameter, message: message, requestID: requestID)
    }
}
