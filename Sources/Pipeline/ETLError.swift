/// Why a run could not proceed.
public enum ETLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process (or task) holds the ETL lock on this warehouse.
    case anotherRunInProgress

    public var description: String {
        switch self {
        case .anotherRunInProgress: "another ETL run is in progress; try again when it has finished"
        }
    }
}
