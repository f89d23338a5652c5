import Foundation

/// uap-core's own test files (test_ua.yaml, test_os.yaml, test_device.yaml), found in UAP_CORE_TESTS or in
/// `shared/data/uap-core-tests` beside the repository (or one of its parents), read with a reader for exactly
/// their shape: a list of flat maps of quoted, bare or empty (null) scalars.
enum UAPCoreCases {
    typealias Case = [String: String?]

    static func folder() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["UAP_CORE_TESTS"] { return URL(fileURLWithPath: configured) }
        var folder = Repository.root
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("shared/data/uap-core-tests")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("test_ua.yaml").path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey:
            "uap-core test cases not found: set UAP_CORE_TESTS to the folder holding test_ua.yaml (shared/data/uap-core-tests)"])
    }

    static func load(_ name: String) throws -> [Case] {
        let text = try String(contentsOf: try folder().appendingPathComponent(name), encoding: .utf8)
        var cases: [Case] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#") || !line.hasPrefix("  ") { continue }
            var entry = trimmed
            if entry.hasPrefix("- ") {
                cases.append([:])
                entry = entry.dropFirst(2)
            }
            guard let colon = entry.firstIndex(of: ":"), !cases.isEmpty else { continue }
            let key = String(entry[..<colon])
            cases[cases.count - 1][key] = scalar(entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return cases
    }

    /// A YAML scalar: 'single' ('' is a quote), "double" (backslash escapes), bare, or empty (null).
    static func scalar(_ text: String) -> String? {
        if text.isEmpty || text == "~" || text == "null" { return nil }
        if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 {
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            var result = "", escaped = false
            for character in text.dropFirst().dropLast() {
                if escaped {
                    result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
        return text
    }
}

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("Data")
}
