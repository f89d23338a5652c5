import Foundation

/// uap-core's rule set as `scripts/uap-rules.py` writes it from the PyPI package ua-parser-builtins
/// (`Data/uap-core-regexes.json`): three ordered lists of regexes with their replacement templates.
struct UserAgentRules: Decodable {
    struct Browser: Decodable {
        var regex: String
        var family_replacement: String?
        var v1_replacement: String?
        var v2_replacement: String?
        var v3_replacement: String?
        var v4_replacement: String?
    }

    struct OperatingSystem: Decodable {
        var regex: String
        var os_replacement: String?
        var os_v1_replacement: String?
        var os_v2_replacement: String?
        var os_v3_replacement: String?
        var os_v4_replacement: String?
    }

    struct Device: Decodable {
        var regex: String
        var regex_flag: String?
        var device_replacement: String?
        var brand_replacement: String?
        var model_replacement: String?
    }

    var uap_core_revision: String?
    var user_agent_parsers: [Browser]
    var os_parsers: [OperatingSystem]
    var device_parsers: [Device]

    static func load(from url: URL) throws(EnrichmentError) -> UserAgentRules {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingDataFile(path: url.path) }
        do {
            return try JSONDecoder().decode(UserAgentRules.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadableDataFile(path: url.path, reason: "\(error)")
        }
    }
}
