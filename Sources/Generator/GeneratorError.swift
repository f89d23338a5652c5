/// Why the generator could not run.
public enum GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value out of range; the associated text names it.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let detail): "invalid generator configuration: \(detail)"
        }
    }
}
