/// Why a run could not proceed.
public enum ETLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process (or task) holds the ETL lock on this warehouse.
    case anotherRunInProgress
    /// The run was cancelled (the process is stopping) before its end; what it committed stays loaded.
    case interrupted

    public var description: String {
        switch self {
        case .anotherRunInProgress: "another ETL run is in progress; try again when it has finished"
        case .interrupted: "interrupted: the process was asked to stop; committed batches stay loaded and the next run loads the rest"
        }
    }
}
