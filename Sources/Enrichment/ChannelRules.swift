import Foundation

/// The referrer table of `Data/channels.tsv`: which hosts are search engines, social networks and mail
/// providers, and which `utm_source` values name them. The file's header explains its columns.
public struct ChannelRules: Sendable {
    /// What a rule says about a source.
    public struct Source: Sendable, Equatable {
        public var channel: Channel
        public var name: String
    }

    struct Rule: Sendable {
        enum Pattern: Sendable {
            /// `example.com`: the host or any subdomain.
            case suffix(String)
            /// `google.*`, `mail.yahoo.*`: these labels followed by one or two labels of at most three letters
            /// (com, vn, com.vn, co.uk), with any subdomain before them.
            case anyTopLevel([Substring])
        }

        var pattern: Pattern
        var source: Source

        func matches(_ host: String) -> Bool {
            switch pattern {
            case .suffix(let suffix):
                return host == suffix || (host.hasSuffix(suffix) && host.utf8.dropLast(suffix.utf8.count).last == UInt8(ascii: "."))
            case .anyTopLevel(let name):
                let labels = host.split(separator: ".")
                for tailCount in 1...2 where labels.count >= name.count + tailCount {
                    let tail = labels.suffix(tailCount), start = labels.count - tailCount - name.count
                    if tail.allSatisfy({ $0.utf8.count <= 3 }), labels[start..<(start + name.count)].elementsEqual(name) { return true }
                }
                return false
            }
        }
    }

    let rules: [Rule]
    let aliases: [String: Source]
    private let cache = BoundedCache<String, Source?>(capacity: 4_096)

    public init(file: URL) throws(EnrichmentError) {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            guard FileManager.default.fileExists(atPath: file.path) else { throw .missingDataFile(path: file.path) }
            throw .unreadableDataFile(path: file.path, reason: "\(error)")
        }
        try self.init(table: text, path: file.path)
    }

    init(table: String, path: String) throws(EnrichmentError) {
        var rules: [Rule] = [], aliases: [String: Source] = [:]
        for (number, line) in table.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count >= 3, columns.count <= 4 else {
                throw .badChannelRule(path: path, line: number + 1, reason: "expected 3 or 4 tab-separated columns, found \(columns.count)")
            }
            guard let channel = Channel(rawValue: columns[1]), [.organicSearch, .social, .email].contains(channel) else {
                throw .badChannelRule(path: path, line: number + 1, reason: "channel must be organic_search, social or email, not \(columns[1])")
            }
            let host = columns[0].lowercased()
            guard !host.isEmpty, !columns[2].isEmpty else {
                throw .badChannelRule(path: path, line: number + 1, reason: "a rule needs a host and a source name")
            }
            let source = Source(channel: channel, name: columns[2])
            rules.append(Rule(pattern: host.hasSuffix(".*") ? .anyTopLevel(host.dropLast(2).split(separator: ".")) : .suffix(host), source: source))
            let names = [columns[2]] + (columns.count == 4 ? columns[3].split(separator: ",").map(String.init) : [])
            for name in names {
                let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                if !key.isEmpty, aliases[key] == nil { aliases[key] = source }
            }
        }
        self.rules = rules
        self.aliases = aliases
    }

    /// The first rule matching `host` (lower case), remembered per host.
    public func source(host: String) -> Source? {
        cache.value(for: host) { host in rules.first { $0.matches(host) }?.source }
    }

    /// The source a `utm_source` value names (`facebook`, `Zalo`, `google`), if the table knows it.
    public func source(utmSource: String) -> Source? {
        aliases[utmSource.lowercased()]
    }
}
