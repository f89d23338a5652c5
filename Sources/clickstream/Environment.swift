import Foundation

/// Reads configuration from the process environment; an empty variable counts as unset.
struct Environment: Sendable {
    let values: [String: String]

    static var current: Environment { Environment(values: ProcessInfo.processInfo.environment) }

    subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The first of several names that is set (new name first, then the original system's).
    func first(_ names: String...) -> String? {
        names.lazy.compactMap { self[$0] }.first
    }
}
