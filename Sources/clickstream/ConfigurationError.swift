/// A setting that cannot be used, naming the flag or variable and what to do.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
