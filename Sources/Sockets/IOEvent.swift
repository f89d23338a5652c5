/// The readiness a task waits for.
public enum IOEvent: Sendable {
    case readable
    case writable
}
