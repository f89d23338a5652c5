import Foundation

/// uap-core's three parsers over the rules in `Data/uap-core-regexes.json`: each list is tried in order and the
/// first regex that matches anywhere in the user agent decides. Unmatched gives the family "Other", as uap-core
/// says. Compiled once at start (about 1,300 regexes, ~25 ms); matching costs up to a millisecond per user agent,
/// which `UserAgentCache` pays once per distinct string.
///
/// Engine: Foundation's NSRegularExpression (ICU). It compiles every rule and gives uap-core's answer for every
/// case of uap-core's own test files (see EnrichmentTests), so no second regex library is linked. A rule whose
/// required literal (`RequiredLiteral`) is not in the user agent is skipped without running its regex.
public struct UserAgentParser: Sendable {
    /// A browser (user agent family) with its version parts.
    public struct Browser: Sendable, Equatable {
        public var family: String
        public var major, minor, patch, patchMinor: String?
    }

    /// An operating system with its version parts.
    public struct OperatingSystem: Sendable, Equatable {
        public var family: String
        public var major, minor, patch, patchMinor: String?
    }

    /// A device: uap-core's family ("iPhone", "Spider", "Samsung SM-G960F"), brand and model.
    public struct Device: Sendable, Equatable {
        public var family: String
        public var brand, model: String?
    }

    /// The uap-core revision the rules were generated from.
    public let revision: String
    private let browsers: [UserAgentRule]
    private let operatingSystems: [UserAgentRule]
    private let devices: [UserAgentRule]

    public init(rulesFile: URL) throws(EnrichmentError) {
        let rules = try UserAgentRules.load(from: rulesFile)
        revision = rules.uap_core_revision ?? "unknown"
        var browsers: [UserAgentRule] = [], operatingSystems: [UserAgentRule] = [], devices: [UserAgentRule] = []
        for (index, rule) in rules.user_agent_parsers.enumerated() {
            browsers.append(try UserAgentRule(
                pattern: rule.regex,
                templates: [rule.family_replacement, rule.v1_replacement, rule.v2_replacement, rule.v3_replacement, rule.v4_replacement],
                defaults: [1, 2, 3, 4, 5], list: "user_agent_parsers", index: index))
        }
        for (index, rule) in rules.os_parsers.enumerated() {
            operatingSystems.append(try UserAgentRule(
                pattern: rule.regex,
                templates: [rule.os_replacement, rule.os_v1_replacement, rule.os_v2_replacement, rule.os_v3_replacement,
                            rule.os_v4_replacement],
                defaults: [1, 2, 3, 4, 5], list: "os_parsers", index: index))
        }
        for (index, rule) in rules.device_parsers.enumerated() {
            // Brand has no default group: only a template gives one.
            devices.append(try UserAgentRule(
                pattern: rule.regex, caseInsensitive: rule.regex_flag == "i",
                templates: [rule.device_replacement, rule.brand_replacement, rule.model_replacement],
                defaults: [1, 0, 1], list: "device_parsers", index: index))
        }
        self.browsers = browsers
        self.operatingSystems = operatingSystems
        self.devices = devices
    }

    public func browser(_ userAgent: String) -> Browser {
        guard let fields = Self.first(browsers, userAgent as NSString), let family = fields[0] else {
            return Browser(family: "Other")
        }
        return Browser(family: family, major: fields[1], minor: fields[2], patch: fields[3], patchMinor: fields[4])
    }

    public func operatingSystem(_ userAgent: String) -> OperatingSystem {
        guard let fields = Self.first(operatingSystems, userAgent as NSString), let family = fields[0] else {
            return OperatingSystem(family: "Other")
        }
        return OperatingSystem(family: family, major: fields[1], minor: fields[2], patch: fields[3], patchMinor: fields[4])
    }

    public func device(_ userAgent: String) -> Device {
        guard let fields = Self.first(devices, userAgent as NSString) else { return Device(family: "Other") }
        return Device(family: fields[0] ?? "Other", brand: fields[1], model: fields[2])
    }

    private static func first(_ rules: [UserAgentRule], _ text: NSString) -> [String?]? {
        let bytes = Array((text as String).utf8), lowered = bytes.map(RequiredLiteral.lower)
        for rule in rules {
            if let fields = rule.apply(to: text, bytes: bytes, lowered: lowered) { return fields }
        }
        return nil
    }
}
