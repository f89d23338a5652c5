/// A filter or paging parameter that could not be used; `parameter` names it for the 400 answer.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query parameter at fault (`from`, `tz`, `cursor`, …).
    public let parameter: String
    /// A sentence for the person who typed the URL.
    public let message: String

    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "\(parameter): \(message)" }
}
