/// Why enrichment cannot start: a data file is missing or malformed. Each says what to do.
public enum EnrichmentError: Error, Equatable, CustomStringConvertible {
    case missingDataFile(path: String)
    case unreadableDataFile(path: String, reason: String)
    /// A line of the channel table that does not parse.
    case badChannelRule(path: String, line: Int, reason: String)
    /// A uap-core rule whose regex does not compile.
    case badUserAgentRule(list: String, index: Int, reason: String)

    public var description: String {
        switch self {
        case .missingDataFile(let path):
            "the data file \(path) is missing: run scripts/setup.sh (it generates Data/ from its packages), or point "
                + "CLICKSTREAM_DATA/--data at a folder that holds it"
        case .unreadableDataFile(let path, let reason): "cannot read the data file \(path): \(reason)"
        case .badChannelRule(let path, let line, let reason): "\(path) line \(line): \(reason)"
        case .badUserAgentRule(let list, let index, let reason):
            "uap-core rule \(index) of \(list) does not compile (\(reason)): regenerate Data/uap-core-regexes.json with scripts/setup.sh"
        }
    }
}
